using System.Diagnostics;
using System.Globalization;
using EvidenceTasks.Core;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.Bench;

/// <summary>
/// Where loading spends its time: every file of a folder read, parsed, converted for NJsonSchema, validated and bound on
/// ONE thread, each phase on its own Stopwatch, summed per kind. (The loader runs the same steps in parallel.)
/// </summary>
public static class LoadProfile
{
    private static readonly string[] Phases = ["read", "parse", "to JToken", "NJsonSchema validate", "bind"];

    public static int Run(string root)
    {
        var source = new FileSystemSource(root);
        var entries = source.Enumerate(new List<Finding>());
        var totals = new Dictionary<(EvidenceKind Kind, string Phase), TimeSpan>();
        var counts = new Dictionary<EvidenceKind, int>();
        var allocated = new Dictionary<(EvidenceKind Kind, string Phase), long>();
        var validator = new LeafMemoValidator();
        var watch = new Stopwatch();
        long bytesAtLap = 0;
        (TimeSpan, long) Lap()
        {
            var t = watch.Elapsed;
            var now = GC.GetAllocatedBytesForCurrentThread();
            var bytes = now - bytesAtLap;
            bytesAtLap = now;
            watch.Restart();
            return (t, bytes);
        }
        void Add(EvidenceKind kind, string phase, (TimeSpan Time, long Bytes) lap)
        {
            totals[(kind, phase)] = totals.GetValueOrDefault((kind, phase)) + lap.Time;
            allocated[(kind, phase)] = allocated.GetValueOrDefault((kind, phase)) + lap.Bytes;
        }
        // Warm up JIT and schema compilation on one file of each kind first, so the per-kind numbers are steady state.
        foreach (var pass in new[] { true, false })
        {
            totals.Clear();
            allocated.Clear();
            counts.Clear();
            foreach (var group in entries.GroupBy(e => EvidenceLayout.Classify(e.Path)?.Layout))
            {
                if (group.Key is not { Schema: { } schemaName } layout) continue;
                foreach (var entry in pass ? group.Take(1) : group)
                {
                    Lap();
                    var (file, _) = SourceFileReader.Read(source, entry);
                    Add(layout.Kind, "read", Lap());
                    var parsed = layout.Extension == ".json" ? JsonDocumentParser.Parse(entry.Path, file!.Bytes) : YamlDocumentParser.Parse(entry.Path, file!.Text);
                    Add(layout.Kind, "parse", Lap());
                    var token = SchemaSet.ToJToken(parsed.Document!.Root);
                    Add(layout.Kind, "to JToken", Lap());
                    var errors = validator.Validate(token, SchemaSet.BuiltIn.Get(schemaName));
                    Add(layout.Kind, "NJsonSchema validate", Lap());
                    if (errors.Count > 0) throw new InvalidOperationException($"{entry.Path}: not schema-valid");
                    EvidenceBinder.Bind(layout, parsed.Document, new EvidenceSetBuilder(), []);
                    Add(layout.Kind, "bind", Lap());
                    counts[layout.Kind] = counts.GetValueOrDefault(layout.Kind) + 1;
                }
            }
        }

        Console.WriteLine($"load profile of {root}: {counts.Values.Sum()} structured files, one thread, milliseconds");
        Console.WriteLine($"{"kind",-20}{"files",8}" + string.Concat(Phases.Select(p => $"{p,22}")) + $"{"µs/file",10}");
        foreach (var (kind, n) in counts.OrderByDescending(c => c.Value))
        {
            var row = Phases.Select(p => totals.GetValueOrDefault((kind, p)).TotalMilliseconds).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind,-20}{n,8}") + string.Concat(row.Select(ms => string.Create(CultureInfo.InvariantCulture, $"{ms,22:0}")))
                + string.Create(CultureInfo.InvariantCulture, $"{row.Sum() * 1000 / n,10:0}"));
        }
        var all = Phases.Select(p => totals.Where(t => t.Key.Phase == p).Sum(t => t.Value.TotalMilliseconds)).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"all",-20}{counts.Values.Sum(),8}") + string.Concat(all.Select(ms => string.Create(CultureInfo.InvariantCulture, $"{ms,22:0}"))));
        Console.WriteLine();
        Console.WriteLine("allocated, KB per file");
        Console.WriteLine($"{"kind",-20}{"files",8}" + string.Concat(Phases.Select(p => $"{p,22}")));
        foreach (var (kind, n) in counts.OrderByDescending(c => c.Value))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind,-20}{n,8}")
                + string.Concat(Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{allocated.GetValueOrDefault((kind, p)) / 1024.0 / n,22:0.0}"))));
        }
        return 0;
    }
}
