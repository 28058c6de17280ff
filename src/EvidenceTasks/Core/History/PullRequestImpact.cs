using System.Collections.Immutable;
using System.Text;
using NodaTime;

namespace EvidenceTasks.Core.History;

/// <summary>What a summarizer sees: the pull request's changes (both trees' evidence) and the gate's <c>as_of</c>.</summary>
public sealed record PullRequestImpact(PullRequestChanges Changes, Instant AsOf);

/// <summary>
/// Extension point of <c>gate --base</c>'s job summary: each summarizer turns a pull request's changes into one
/// Markdown section ("what the pull request changes in ..."), or null when it has nothing to say. Pure: both trees'
/// evidence is already loaded. A new summary (the trend board, the sprint budget) is one class and one line in
/// <see cref="PullRequestImpactSummarizers.All"/>.
/// </summary>
public interface IPullRequestImpactSummarizer
{
    /// <summary>Markdown, starting with a <c>###</c> heading; null to leave the section out.</summary>
    string? Summarize(PullRequestImpact impact);
}

/// <summary>The job-summary sections of <c>gate --base</c>, in the order they are written.</summary>
public static class PullRequestImpactSummarizers
{
    public static ImmutableArray<IPullRequestImpactSummarizer> All { get; } =
    [
        new JudgeChangesSummarizer(),
        new ChangedEvidenceSummarizer(),
        new BoardImpactSummarizer(),
    ];

    public static string Markdown(PullRequestImpact impact, IEnumerable<IPullRequestImpactSummarizer>? summarizers = null)
    {
        var sb = new StringBuilder();
        foreach (var section in (summarizers ?? All).Select(s => s.Summarize(impact)).OfType<string>())
            sb.Append('\n').Append(section.TrimEnd('\n')).Append('\n');
        return sb.ToString();
    }
}

/// <summary>The evidence files the pull request adds, modifies and deletes, by folder.</summary>
public sealed class ChangedEvidenceSummarizer : IPullRequestImpactSummarizer
{
    public string? Summarize(PullRequestImpact impact)
    {
        var c = impact.Changes;
        var sb = new StringBuilder();
        sb.Append("### Evidence this pull request changes\n\n")
          .Append("Merge base `").Append(c.MergeBase.Short).Append("`, head `").Append(c.Head.Short).Append("`.\n");
        if (c.Paths.IsEmpty) return sb.Append("\nNo evidence file changes.\n").ToString();
        sb.Append("\n| Change | File |\n|---|---|\n");
        foreach (var p in c.Paths.OrderBy(p => p.Path, StringComparer.Ordinal))
            sb.Append("| ").Append(p.Type.ToString().ToLowerInvariant()).Append(" | `").Append(p.Path).Append("` |\n");
        return sb.ToString();
    }
}

/// <summary>Report order for a pull request: findings in files it touches first, each group in the usual report order.</summary>
public static class TouchedFirst
{
    public static ImmutableArray<Finding> Order(IEnumerable<Finding> findings, IReadOnlySet<string> touched) =>
        findings.Order(Finding.ReportOrder)
            .OrderBy(f => touched.Contains(f.Location.Path) ? 0 : 1) // OrderBy is stable: report order holds within each group
            .ToImmutableArray();
}
