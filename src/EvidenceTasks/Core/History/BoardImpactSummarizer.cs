using System.Globalization;
using System.Text;
using EvidenceTasks.Core.Allocation;
using EvidenceTasks.Core.Trends;

namespace EvidenceTasks.Core.History;

/// <summary>
/// What the pull request changes in the Lesson 173 trend board and in the allocation the next sprint budget would get:
/// both computed at the gate's <c>as_of</c> from the merge base's evidence and from HEAD's, and compared row by row.
/// </summary>
public sealed class BoardImpactSummarizer : IPullRequestImpactSummarizer
{
    public string? Summarize(PullRequestImpact impact)
    {
        var before = TrendBoard.Compute(impact.Changes.BaseEvidence, impact.AsOf);
        var after = TrendBoard.Compute(impact.Changes.HeadEvidence, impact.AsOf);
        var sb = new StringBuilder();
        sb.Append("### Trend board and hardening budget\n\n");
        if (before.SnapshotHash == after.SnapshotHash)
        {
            sb.Append("The trend board at as_of ").Append(Timestamps.Format(impact.AsOf))
              .Append(" is unchanged (snapshot `").Append(after.SnapshotHash[..12]).Append("…`).\n");
            return sb.ToString();
        }
        sb.Append("At as_of ").Append(Timestamps.Format(impact.AsOf)).Append(" the snapshot hash moves from `")
          .Append(before.SnapshotHash[..12]).Append("…` to `").Append(after.SnapshotHash[..12]).Append("…`.\n\n")
          .Append("| Dimension | Failure mode tag | Before | After |\n|---|---|---|---|\n");
        var keys = before.Rows.Select(r => r.Key).Union(after.Rows.Select(r => r.Key))
            .OrderBy(k => k.Dimension).ThenBy(k => k.Tag, StringComparer.Ordinal);
        foreach (var (dimension, tag) in keys)
        {
            var b = before.Find(dimension, tag);
            var a = after.Find(dimension, tag);
            if (b is not null && a is not null && b == a) continue;
            sb.Append("| ").Append(dimension.ToString(CultureInfo.InvariantCulture)).Append(" | `").Append(tag)
              .Append("` | ").Append(Describe(b)).Append(" | ").Append(Describe(a)).Append(" |\n");
        }

        if (impact.Changes.HeadEvidence.Allocator is { } config)
        {
            var was = Allocator.Allocate(impact.Changes.BaseEvidence.Allocator ?? config, before.Rows).Percentages;
            var now = Allocator.Allocate(config, after.Rows).Percentages;
            var moved = now.Where(p => !was.TryGetValue(p.Key, out var w) || w != p.Value).ToList();
            sb.Append('\n');
            if (moved.Count == 0)
            {
                sb.Append("The allocation a budget cut now would get is unchanged.\n");
            }
            else
            {
                sb.Append("A budget cut now would allocate differently:\n\n| Lane | Before % | After % |\n|---|---|---|\n");
                foreach (var (lane, pct) in moved)
                    sb.Append("| ").Append(lane).Append(" | ").Append(Pct(was.GetValueOrDefault(lane))).Append(" | ").Append(Pct(pct)).Append(" |\n");
            }
        }
        return sb.ToString();
    }

    private static string Describe(TrendBoardRow? r) => r is null
        ? "—"
        : $"{r.Classification} ({r.EventCount} events, {r.WindowCount} windows, {r.CertBlockingCount} cert-blocking)";

    private static string Pct(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
