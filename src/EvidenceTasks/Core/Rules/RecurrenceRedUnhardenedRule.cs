using EvidenceTasks.Core.Trends;
using NodaTime;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 173: a structural-red row "cannot stay structural-red for two consecutive quarters without explicit carve-out
/// documentation". Blocks a (dimension, tag) row structural-red at as_of and at as_of − 90 days with no carve-out
/// covering it at as_of; the finding points at the row's most recent ticket.
/// </summary>
public sealed class RecurrenceRedUnhardenedRule : IGateRule
{
    public static readonly Duration Quarter = Duration.FromDays(90);

    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        var now = TrendBoard.Compute(evidence, context.AsOf);
        var red = now.Rows.Where(r => r.Classification == Classifications.StructuralRed).ToList();
        if (red.Count == 0) yield break;
        var before = TrendBoard.Compute(evidence, context.AsOf - Quarter);
        foreach (var row in red)
        {
            if (before.Find(row.RubricDimension, row.FailureModeTag)?.Classification != Classifications.StructuralRed) continue;
            if (evidence.CarveOuts.Any(c => c.Covers(row.RubricDimension, row.FailureModeTag, context.AsOf))) continue;
            var latest = now.Events.Where(e => e.RubricDimension == row.RubricDimension && e.FailureModeTag == row.FailureModeTag)
                .OrderBy(e => e.RehearsalDtUtc).ThenBy(e => e.Ticket.DeficiencyId, StringComparer.Ordinal).Last();
            yield return Finding.Error(BlockReason.RecurrenceRedUnhardened, latest.Ticket.Origin.Field("failure_mode_tag"),
                $"row (dimension {row.RubricDimension}, {row.FailureModeTag}) is structural-red at {Timestamps.Format(context.AsOf)} " +
                $"({row.WindowCount} windows, {row.CertBlockingCount} cert-blocking) and was at {Timestamps.Format(context.AsOf - Quarter)}, " +
                "with no carve-out in evidence/carve-outs/ covering it",
                $"Harden the lane mapped to dimension {row.RubricDimension}, or add a carve-out for dimension {row.RubricDimension} and {row.FailureModeTag} (Lesson 163) approved before {Timestamps.Format(context.AsOf)}.");
        }
    }
}
