using System.Diagnostics;
using System.Globalization;
using EvidenceTasks.Core;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.Bench;

/// <summary>
/// Schema validation alone, as ajv-cli does it: read each structured file, parse it, validate it against its kind's
/// built-in schema (NJsonSchema, through <see cref="SchemaSet.Validate"/>), no binding and no rules. Run on the
/// synthetic repository or on its JSON mirror (YAML converted to JSON for ajv). Whole wall time, one thread and all cores.
/// </summary>
public static class SchemaRuns
{
    public static int Run(string root)
    {
        var source = new FileSystemSource(root);
        var entries = source.Enumerate(new List<Finding>())
            .Select(e => (Entry: e, Layout: Layout(e.Path)))
            .Where(e => e.Layout?.Schema is not null)
            .ToList();
        Validate(source, entries.Take(50).ToList(), parallel: false); // warm up JIT and schema compilation
        foreach (var parallel in new[] { false, true })
        {
            var times = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                var watch = Stopwatch.StartNew();
                var invalid = Validate(source, entries, parallel);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (invalid > 0) throw new InvalidOperationException($"{invalid} files are not schema-valid");
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"schema validation of {entries.Count} files ({(parallel ? $"{Environment.ProcessorCount} cores" : "1 thread")}): median {times[1]:0} ms (runs {string.Join(", ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))})"));
        }
        return 0;
    }

    /// <summary>The kind of a path; a JSON mirror of a YAML kind (<c>x.yaml.json</c> written by tools/yaml-to-json.mjs) counts as that kind.</summary>
    private static KindLayout? Layout(string path) =>
        EvidenceLayout.Classify(path.EndsWith(".yaml.json", StringComparison.Ordinal) ? path[..^".json".Length] : path)?.Layout;

    private static int Validate(IEvidenceSource source, List<(SourceEntry Entry, KindLayout? Layout)> entries, bool parallel)
    {
        var invalid = 0;
        void One((SourceEntry Entry, KindLayout? Layout) e)
        {
            var (file, _) = SourceFileReader.Read(source, e.Entry);
            var outcome = e.Entry.Path.EndsWith(".json", StringComparison.Ordinal) ? JsonDocumentParser.Parse(e.Entry.Path, file!.Bytes) : YamlDocumentParser.Parse(e.Entry.Path, file!.Text);
            if (outcome.Document is null || SchemaSet.BuiltIn.Validate(e.Layout!.Schema!, outcome.Document).Count > 0) Interlocked.Increment(ref invalid);
        }
        if (parallel) Parallel.ForEach(entries, One);
        else entries.ForEach(One);
        return invalid;
    }
}
