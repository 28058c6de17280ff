using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 186: slot_local_tz is the business zone the slot's handoff week gives its region
/// (us_business_tz, eu_business_tz, asia_business_tz), "not arbitrary IANA strings".
/// </summary>
public sealed class SlotLocalZoneRule : SlotRule
{
    public override IEnumerable<Finding> EvaluateSlot(EvidenceSet evidence, RosterSlot slot)
    {
        if (!evidence.HandoffWeeksById.TryGetValue(slot.HandoffWeekId, out var week)) yield break;
        var expected = week.BusinessTz(slot.SlotRegion);
        if (expected is null || expected == slot.SlotLocalTz) yield break;
        yield return Finding.Error(BlockReason.PanelRosterInvalid, slot.Origin.Field("slot_local_tz"),
            $"slot {slot.RosterSlotId}: slot_local_tz '{slot.SlotLocalTz}' is not the {slot.SlotRegion} business zone '{expected}' of handoff week {week.HandoffWeekId}",
            $"Set slot_local_tz: {expected} (or correct slot_region), then re-export the ICS hold.");
    }
}
