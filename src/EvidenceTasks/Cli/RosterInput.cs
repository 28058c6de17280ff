using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.IO.Reporting;

namespace EvidenceTasks.Cli;

/// <summary>Loading shared by the roster verbs (<c>roster</c>, <c>ics</c>, <c>manifest</c>).</summary>
internal static class RosterInput
{
    public static (string Root, LoadResult Loaded) Load(CliContext ctx, string? root)
    {
        var dir = CommonOptions.ResolveRoot(ctx, root);
        if (!EvidenceLoader.LooksLikeEvidence(dir))
            throw new UsageException($"no evidence under '{dir}': expected governance/, roster/ or evidence/ (pass --root DIR)");
        return (dir, EvidenceLoader.Default.Load(dir));
    }

    /// <summary>Load errors in the files an export is computed from (roster/ and governance/): exporting over them would attest a roster nobody can read.</summary>
    public static ImmutableArray<Finding> SourceErrors(LoadResult loaded) =>
        loaded.Findings.Where(f => f.Blocks && (f.Location.Path.StartsWith("roster/", StringComparison.Ordinal) || f.Location.Path.StartsWith("governance/", StringComparison.Ordinal)))
            .ToImmutableArray();

    public static void WriteFindings(TextWriter output, IEnumerable<Finding> findings)
    {
        foreach (var f in findings) output.WriteLine(GateReport.Line(f));
    }
}
