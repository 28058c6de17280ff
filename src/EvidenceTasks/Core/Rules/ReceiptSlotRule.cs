using EvidenceTasks.Core.Attendance;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 182 "ics_uid must exist in cert_rehearsal_event" with Lesson 186's roster: a receipt's ics_uid names a
/// <b>locked</b> slot (one receipt per UID), and its cert_window_id, rehearsal_phase and scheduled_start_utc are the
/// slot's. Blocks with <c>attendance_roster_mismatch</c>.
/// </summary>
public sealed class ReceiptSlotRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context) =>
        evidence.Receipts.SelectMany(r => ReceiptChecks.AgainstSlot(r, evidence));
}
