using EvidenceTasks.Core.Attendance;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 182 "panel_present_json must list all four Lesson 172 roles" as Lesson 186's validate_attendance_against_roster:
/// a completed receipt lists exactly the slot's four bound signers in their roles (aliases normalised), the scribe among
/// them as scribe_signer_id; nobody holds two roles; a backup who attended needs the roster re-locked first.
/// Blocks with <c>attendance_roster_mismatch</c>.
/// </summary>
public sealed class PanelPresentRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context) =>
        evidence.Receipts.SelectMany(r => ReceiptChecks.SlotOf(r, evidence) is { } slot ? ReceiptChecks.AgainstBindings(r, slot) : []);
}
