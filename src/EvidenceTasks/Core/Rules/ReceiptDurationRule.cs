using EvidenceTasks.Core.Attendance;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 182 "duration_minutes must be ≥ 75 and ≤ 120 for completed", compared exactly to the second (the seed's
/// generated column truncates to minutes; SPEC.md does not): a completed receipt has both actual times and such a
/// duration (<c>attendance_roster_mismatch</c>); a scheduled one has no actual_end_utc and only a completed one names a
/// log (<c>schema_invalid</c>).
/// </summary>
public sealed class ReceiptDurationRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context) =>
        evidence.Receipts.SelectMany(ReceiptChecks.Times);
}
