using NodaTime;

namespace EvidenceTasks.Core.History;

/// <summary>
/// The T+48 h SLA (Lesson 182): a receipt is committed within 48 hours of its <c>actual_end_utc</c>. Lateness is a
/// warning (the receipt stays valid evidence); the time is the committer date of the first commit that added the file.
/// Receipts without <c>actual_end_utc</c> (cancelled, no-show) have no SLA to miss. Reported for the receipts a pull
/// request adds (<see cref="HistoryFacts.AddedByPullRequest"/>), where the scribe can still act on it; once merged, the
/// lateness is on record in the history (<c>provenance</c> shows the first commit and its time).
/// </summary>
public sealed class ReceiptLateRule : IHistoryRule
{
    public static readonly Duration Sla = Duration.FromHours(48);

    public IEnumerable<Finding> Evaluate(HistoryFacts facts, EvidenceSet evidence)
    {
        if (facts.AddedByPullRequest is not { } added) yield break;
        foreach (var receipt in evidence.Receipts.Where(r => added.Contains(r.Origin.Path)))
        {
            if (receipt.ActualEndUtc is not { } end || !facts.FirstCommitted.TryGetValue(receipt.Origin.Path, out var commit)) continue;
            var late = commit.CommitTime - end;
            if (late <= Sla) continue;
            yield return Finding.Warning(BlockReason.ReceiptLate, receipt.Origin.Field("actual_end_utc"),
                $"receipt {receipt.AttendanceId} was first committed in {commit.Describe()}, {Hours(late)} after actual_end_utc {Timestamps.Format(end)} (SLA: 48 h)");
        }
    }

    private static string Hours(Duration d)
    {
        var hours = (long)Math.Floor(d.TotalHours);
        return hours >= 96 ? $"{hours / 24} d {hours % 24} h" : $"{hours} h";
    }
}
