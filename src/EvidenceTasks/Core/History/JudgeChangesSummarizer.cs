using System.Text;

namespace EvidenceTasks.Core.History;

/// <summary>
/// A pull request cannot quietly weaken its own judge: edits to the schemas, the governance inputs (rubric, allocator
/// weights), the block-reason registry, the gate's code, the build or the workflow are called out at the top of the job
/// summary. .github/CODEOWNERS makes the governance owner's review mandatory for the same paths, and the workflow runs
/// the gate built from the base branch, so the code a pull request edits never judges that pull request (docs/security.md).
/// </summary>
public sealed class JudgeChangesSummarizer : IPullRequestImpactSummarizer
{
    /// <summary>What a changed path is to the judge, or null when it is ordinary evidence or documentation.</summary>
    public static string? Category(string path) => path switch
    {
        _ when path.StartsWith("schemas/", StringComparison.Ordinal) => "JSON Schema (what evidence is valid)",
        _ when path.StartsWith("governance/rubric/", StringComparison.Ordinal) => "rubric (how mock audits are scored)",
        _ when path.StartsWith("governance/", StringComparison.Ordinal) => "governance input (allocator weights and lanes)",
        "src/EvidenceTasks/Core/BlockReason.cs" or "docs/block-reasons.md" => "block-reason registry (what blocks)",
        _ when path.StartsWith("src/", StringComparison.Ordinal) => "the gate's code",
        _ when path.StartsWith("build/", StringComparison.Ordinal) || path.StartsWith(".config/", StringComparison.Ordinal)
               || path is "global.json" or "Directory.Build.props" or "Directory.Packages.props" or "NuGet.config" or "nuget.config" => "build and tooling",
        _ when path.StartsWith(".github/", StringComparison.Ordinal) => "CI workflow and code owners",
        _ => null,
    };

    public string? Summarize(PullRequestImpact impact)
    {
        var rows = impact.Changes.JudgeChanges
            .Select(p => (p.Path, p.Type, Category: Category(p.Path)))
            .Where(r => r.Category is not null)
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ToList();
        if (rows.Count == 0) return null;
        var sb = new StringBuilder();
        sb.Append("### :warning: This pull request changes the judge\n\n")
          .Append(rows.Count).Append(" file(s) that decide what the gate accepts. The gate that ran here was built from the base branch, ")
          .Append("so these edits take effect only after merge; they need the governance owner's review (.github/CODEOWNERS).\n\n")
          .Append("| Change | File | What it governs |\n|---|---|---|\n");
        foreach (var (path, type, category) in rows)
            sb.Append("| ").Append(type.ToString().ToLowerInvariant()).Append(" | `").Append(path).Append("` | ").Append(category).Append(" |\n");
        return sb.ToString();
    }
}
