using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.IO;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.IO.Reporting;

namespace EvidenceTasks.Cli;

/// <summary>
/// Loading for the verbs that derive from the evidence (board, allocate, friday, readback): a view computed over files
/// that failed to load would silently leave them out, so any load error refuses the command with every finding.
/// </summary>
public static class DerivedEvidence
{
    public static EvidenceSet? Load(CliContext ctx, string dir, string verb)
    {
        if (!EvidenceLoader.LooksLikeEvidence(dir))
            throw new UsageException($"no evidence under '{dir}': expected governance/, roster/ or evidence/ (pass --root DIR)");
        var loaded = EvidenceLoader.Default.Load(dir);
        var errors = loaded.Findings.Where(f => f.Blocks).ToList();
        if (errors.Count == 0) return loaded.Evidence;
        foreach (var f in errors) ctx.Error.WriteLine(GateReport.Line(f));
        ctx.Error.WriteLine($"{verb}: refused: {errors.Count} file(s) do not load; fix them first (`validate` lists the same findings)");
        return null;
    }

    /// <summary>governance/allocator.yaml, or a refusal line when it is missing.</summary>
    public static AllocatorConfig? Allocator(CliContext ctx, EvidenceSet evidence)
    {
        if (evidence.Allocator is { } config) return config;
        Refuse(ctx, Finding.Error(BlockReason.ReferenceBroken, new SourceLocation("governance/allocator.yaml", 1, 1),
            "governance/allocator.yaml does not exist: the allocator has no lanes, weights, cap or reserve",
            "Add governance/allocator.yaml (docs/formats.md, Allocator)."));
        return null;
    }

    /// <summary>Writes one finding-style refusal line and returns the exit code for it.</summary>
    public static int Refuse(CliContext ctx, Finding finding)
    {
        ctx.Error.WriteLine(GateReport.Line(finding));
        return ExitCodes.Blocked;
    }

    /// <summary>
    /// Creates <paramref name="path"/> (relative to <paramref name="dir"/>) atomically and never overwrites it: an existing
    /// file that <paramref name="same"/> judges equal is "unchanged" (exit 0); any other is refused as
    /// <c>evidence_rewritten</c> (exit 1).
    /// </summary>
    public static int WriteOnce(CliContext ctx, string dir, string path, string content, Func<string, string, bool> same,
        string createdNote, string unchangedNote, string refusal, string fix)
    {
        var full = ContainedPath.Resolve(dir, path);
        switch (AtomicFile.CreateNew(full, content))
        {
            case WriteOutcome.Created:
                ctx.Out.WriteLine($"created {path}{createdNote}");
                return ExitCodes.Clean;
            case WriteOutcome.AlreadyExists when same(File.ReadAllText(full), content):
                ctx.Out.WriteLine($"unchanged {path}: {unchangedNote}");
                return ExitCodes.Clean;
            default:
                return Refuse(ctx, Finding.Error(BlockReason.EvidenceRewritten, new SourceLocation(path, 1, 1), refusal, fix));
        }
    }

    public static string SprintId(string? text)
    {
        if (string.IsNullOrEmpty(text) || !EvidenceLayout.IsValidId(text))
            throw new UsageException($"--sprint '{text}' is not a valid id (letters, digits and _ . @ -, e.g. 2026-Q4-S01)");
        return text;
    }
}
