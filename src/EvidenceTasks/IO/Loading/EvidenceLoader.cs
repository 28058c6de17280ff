using System.Collections.Immutable;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Hashing;

namespace EvidenceTasks.IO.Loading;

/// <summary>The evidence of one repository and the findings met while reading it.</summary>
public sealed record LoadResult(EvidenceSet Evidence, ImmutableArray<Finding> Findings, int FileCount);

/// <summary>
/// Reads every file under <c>governance/</c>, <c>roster/</c> and <c>evidence/</c> of a repository (or a plain folder):
/// refuses what is not evidence, parses strictly, validates against the built-in schemas, checks ids against file names,
/// and binds records. Every file ends either as records or as findings; none is skipped silently.
/// </summary>
public sealed class EvidenceLoader(SchemaSet schemas)
{
    public static EvidenceLoader Default { get; } = new(SchemaSet.BuiltIn);

    /// <summary>From this many files on, parts of the merge run beside each other (below it a task costs more than it saves).</summary>
    private const int LargeLoad = 10_000;

    /// <summary><paramref name="work"/> on another thread when <paramref name="count"/> makes it worth a task, else right here.</summary>
    internal static Task<T> BesideIfLarge<T>(int count, Func<T> work) => count >= LargeLoad ? Task.Run(work) : Task.FromResult(work());

    /// <summary>True when <paramref name="root"/> holds at least one of the evidence folders.</summary>
    public static bool LooksLikeEvidence(string root) => EvidenceLayout.Roots.Any(r => Directory.Exists(Path.Combine(root, r)));

    public LoadResult Load(string root) => Load(new FileSystemSource(root));

    /// <summary>
    /// Loads every entry of <paramref name="source"/>. When an entry has a content key (a git blob id), the per-file result
    /// is taken from <paramref name="cache"/> if present, so a replay over many commits parses each distinct blob once.
    /// </summary>
    public LoadResult Load(IEvidenceSource source, LoadCache? cache = null)
    {
        var findings = new List<Finding>();
        var entries = source.Enumerate(findings);

        // Case collisions need only the names: in a large load they are found beside the loading instead of after it.
        var caseCollisions = BesideIfLarge(entries.Count, () => CaseCollisions(entries.Select(e => e.Path)).ToList());

        var results = new FileResult[entries.Count];
        Parallel.For(0, entries.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => results[i] = LoadOne(source, entries[i], cache));

        var builder = new EvidenceSetBuilder();
        foreach (var result in results)
        {
            findings.AddRange(result.Findings);
            if (result.Records is { } records) builder.AddAll(records);
            else builder.UnreadablePaths.Add(result.Path);
        }
        findings.AddRange(caseCollisions.GetAwaiter().GetResult());
        return new LoadResult(builder.ToEvidenceSet(), findings.Order(Finding.ReportOrder).ToImmutableArray(), entries.Count);
    }

    /// <summary>
    /// One entry of <paramref name="source"/> as <see cref="Load"/> loads it (through <paramref name="cache"/> when given),
    /// for a reader that wants a few files' records and not an <see cref="EvidenceSet"/> of them.
    /// </summary>
    public FileResult LoadOne(IEvidenceSource source, SourceEntry entry, LoadCache? cache = null) =>
        cache is not null ? cache.GetOrAdd(entry, () => LoadFile(source, entry)) : LoadFile(source, entry);

    private FileResult LoadFile(IEvidenceSource source, SourceEntry entry)
    {
        var path = entry.Path;
        var findings = new List<Finding>();
        var at = new SourceLocation(path, 1, 1);
        var fileName = path[(path.LastIndexOf('/') + 1)..];
        if (EvidenceLayout.IsAllowedNonEvidence(fileName)) return new FileResult(path, new EvidenceSetBuilder(), findings);

        var classified = EvidenceLayout.Classify(path);
        if (classified is null)
        {
            var hint = fileName.EndsWith(".yml", StringComparison.Ordinal) ? "Rename it to .yaml." : "Move it to the folder docs/formats.md gives for its kind, or out of governance/, roster/ and evidence/.";
            findings.Add(Finding.Error(BlockReason.FileRejected, at, "file is not part of the evidence layout", hint));
            return new FileResult(path, null, findings);
        }
        var (layout, fileId) = classified.Value;
        if (layout.FixedName is null && !EvidenceLayout.IsValidId(fileId))
        {
            findings.Add(Finding.Error(BlockReason.IdInvalid, at, $"file name '{fileId}' is not a valid id", "Use only letters, digits and _ . @ - (starting with a letter or digit, at most 128 characters)."));
            return new FileResult(path, null, findings);
        }

        var (file, refusal) = SourceFileReader.Read(source, entry);
        if (file is null)
        {
            findings.Add(refusal!);
            return new FileResult(path, null, findings);
        }
        return LoadContent(layout, fileId, file, findings);
    }

    private FileResult LoadContent(KindLayout layout, string fileId, SourceFile file, List<Finding> findings)
    {
        var path = file.Path;
        var records = new EvidenceSetBuilder();
        records.FileSha256[path] = Sha256Hex.Of(file.Bytes);
        switch (layout.Kind)
        {
            case EvidenceKind.IcsHold:
                var windowId = path.Split('/')[2];
                records.IcsHolds.Add(new IcsHold(windowId, fileId, file.Text, Origin.Synthetic(path)));
                return new FileResult(path, records, findings);
            case EvidenceKind.Readback:
                records.Readbacks.Add(new Readback(fileId, file.Text, Origin.Synthetic(path)));
                return new FileResult(path, records, findings);
        }

        var outcome = layout.Extension == ".json" ? JsonDocumentParser.Parse(path, file.Bytes) : YamlDocumentParser.Parse(path, file.Text);
        if (outcome.Document is not { } document)
        {
            findings.AddRange(outcome.Findings);
            return new FileResult(path, null, findings);
        }

        var schemaFindings = schemas.Validate(layout.Schema!, document);
        if (schemaFindings.Count > 0)
        {
            findings.AddRange(schemaFindings);
            return new FileResult(path, null, findings);
        }

        if (layout.IdField is { } idField && document.Root is JsonObject obj && obj[idField] is JsonValue idValue
            && idValue.TryGetValue<string>(out var recordId) && recordId != fileId)
        {
            findings.Add(Finding.Error(BlockReason.IdInvalid, SourceLocation.At(path, document.Positions.Find("/" + idField)),
                $"{idField} '{recordId}' does not match the file name '{fileId}{layout.Extension}'",
                $"Rename the file to {recordId}{layout.Extension}, or correct {idField}; a file's name is its id."));
            return new FileResult(path, null, findings);
        }

        return EvidenceBinder.Bind(layout, document, records, findings)
            ? new FileResult(path, records, findings)
            : new FileResult(path, null, findings);
    }

    /// <summary>What one file became: records, or (Records null) the findings that say why not.</summary>
    public sealed record FileResult(string Path, EvidenceSetBuilder? Records, List<Finding> Findings);

    /// <summary>Two files of one kind whose ids differ only in case would clash on case-insensitive checkouts; both are refused.</summary>
    private static IEnumerable<Finding> CaseCollisions(IEnumerable<string> files)
    {
        foreach (var group in files.GroupBy(f => f, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var names = group.Order(StringComparer.Ordinal).ToArray();
            foreach (var name in names)
            {
                var others = string.Join(", ", names.Where(n => n != name));
                yield return Finding.Error(BlockReason.IdInvalid, new SourceLocation(name, 1, 1),
                    $"file name differs only in case from {others}", "Keep one of them; ids are unique ignoring case.");
            }
        }
    }
}
