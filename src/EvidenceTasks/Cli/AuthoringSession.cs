using System.CommandLine;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using EvidenceTasks.IO;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.IO.Reporting;

namespace EvidenceTasks.Cli;

/// <summary>
/// What the authoring verbs (<c>receipt new</c>, <c>receipt seal</c>, <c>bootstrap</c>, <c>score</c>) share: loading the
/// repository, refusing with finding-style lines, reading a record's file as JSON and writing files atomically.
/// </summary>
internal sealed class AuthoringSession
{
    private AuthoringSession(CliContext ctx, string root, LoadResult loaded)
    {
        Ctx = ctx;
        Root = root;
        Loaded = loaded;
    }

    public CliContext Ctx { get; }

    public string Root { get; }

    public LoadResult Loaded { get; }

    public EvidenceSet Evidence => Loaded.Evidence;

    /// <summary>Resolves --root (usage error when it holds no evidence) and loads every file.</summary>
    public static AuthoringSession Open(CliContext ctx, string? root)
    {
        var dir = CommonOptions.ResolveRoot(ctx, root);
        if (!EvidenceLoader.LooksLikeEvidence(dir))
            throw new UsageException($"no evidence under '{dir}': expected governance/, roster/ or evidence/ (pass --root DIR)");
        return new AuthoringSession(ctx, dir, EvidenceLoader.Default.Load(dir));
    }

    /// <summary>An id given on the command line must be a valid id (usage error otherwise).</summary>
    public static string RequireId(string option, string? value)
    {
        if (string.IsNullOrEmpty(value) || !EvidenceLayout.IsValidId(value))
            throw new UsageException($"{option} '{value}' is not a valid id (letters, digits and _ . @ -, starting with a letter or digit, at most 128 characters)");
        return value;
    }

    public static Option<string> Required(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Required = true,
    };

    /// <summary>Prints each finding as one line on standard error and returns exit code 1.</summary>
    public int Refuse(IEnumerable<Finding> findings)
    {
        foreach (var f in findings.Order(Finding.ReportOrder)) Ctx.Error.WriteLine(GateReport.Line(f));
        return ExitCodes.Blocked;
    }

    public int Refuse(Finding finding) => Refuse([finding]);

    public int Refuse(BlockReason reason, SourceLocation at, string message, string? fix = null) =>
        Refuse(Finding.Error(reason, at, message, fix));

    /// <summary>
    /// Finds a record by id. When it is not there, refuses (and returns false with exit code 1): with the load findings
    /// of its file when the file exists but failed to load, else with <c>reference_broken</c>.
    /// </summary>
    public bool TryGet<T>(IReadOnlyDictionary<string, T> byId, string id, string relativePath, string kind, out T record, out int exit)
        where T : class
    {
        exit = ExitCodes.Clean;
        if (byId.TryGetValue(id, out var found))
        {
            record = found;
            return true;
        }
        record = null!;
        var findings = FileFindings(relativePath);
        exit = findings.Count > 0
            ? Refuse(findings)
            : Refuse(BlockReason.ReferenceBroken, Start(relativePath), $"no {kind} '{id}': {relativePath} does not exist", "Check the id (it is the file name without its extension).");
        return false;
    }

    /// <summary>The blocking load findings of one file (it failed to load when there are any).</summary>
    public IReadOnlyList<Finding> FileFindings(string relativePath) =>
        Loaded.Findings.Where(f => f.Blocks && f.Location.Path == relativePath).ToList();

    public string FullPath(string relativePath) => ContainedPath.Resolve(Root, relativePath);

    /// <summary>Re-reads a record's file as a JSON object (the loader has validated it; this keeps every member as written).</summary>
    public JsonObject ReadObject(string relativePath)
    {
        var parsed = JsonDocumentParser.Parse(relativePath, File.ReadAllBytes(FullPath(relativePath)));
        return parsed.Document?.Root as JsonObject
            ?? throw new InvalidOperationException($"{relativePath} no longer parses as a JSON object");
    }

    public WriteOutcome CreateNew(string relativePath, JsonObject content) => AtomicFile.CreateNew(FullPath(relativePath), EvidenceJson.Write(content));

    public WriteOutcome Replace(string relativePath, JsonObject content) => AtomicFile.WriteIfChanged(FullPath(relativePath), EvidenceJson.Write(content));

    /// <summary>An existing file whose path equals <paramref name="relativePath"/> ignoring case (ids are unique ignoring case), or null.</summary>
    public string? ExistingIgnoringCase(string relativePath)
    {
        var dir = Path.GetDirectoryName(FullPath(relativePath))!;
        if (!Directory.Exists(dir)) return null;
        var name = Path.GetFileName(relativePath);
        var match = Directory.EnumerateFiles(dir).Select(Path.GetFileName).FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return match is null ? null : relativePath[..(relativePath.LastIndexOf('/') + 1)] + match;
    }

    public void Say(string line) => Ctx.Out.WriteLine(line);

    public static SourceLocation Start(string relativePath) => new(relativePath, 1, 1);
}
