using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;
using NodaTime;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 186: a slot's handoff_week_id names a Lesson 179 week of the same cert window (<c>reference_broken</c>
/// otherwise), and the slot starts inside that week, <c>[week_starts_utc, +7 days)</c> (<c>panel_roster_invalid</c>).
/// </summary>
public sealed class SlotHandoffWeekRule : SlotRule
{
    public override IEnumerable<Finding> EvaluateSlot(EvidenceSet evidence, RosterSlot slot)
    {
        var weekPath = RosterPaths.HandoffWeek(slot.HandoffWeekId);
        if (!evidence.HandoffWeeksById.TryGetValue(slot.HandoffWeekId, out var week))
        {
            if (!evidence.IsUnreadable(weekPath))
                yield return Finding.Error(BlockReason.ReferenceBroken, slot.Origin.Field("handoff_week_id"),
                    $"slot {slot.RosterSlotId}: handoff week '{slot.HandoffWeekId}' does not exist ({weekPath})",
                    $"Correct handoff_week_id, or add {weekPath} for window {slot.CertWindowId}.");
            yield break;
        }
        if (week.CertWindowId != slot.CertWindowId)
        {
            yield return Finding.Error(BlockReason.ReferenceBroken, slot.Origin.Field("handoff_week_id"),
                $"slot {slot.RosterSlotId}: handoff week '{week.HandoffWeekId}' belongs to window {week.CertWindowId}, not to this file's window {slot.CertWindowId}",
                $"Name a handoff week of window {slot.CertWindowId}, or move the slot to {RosterPaths.Slots(week.CertWindowId)}.");
            yield break;
        }
        var weekEnds = week.WeekStartsUtc + Duration.FromDays(7);
        if (slot.SlotStartsAtUtc < week.WeekStartsUtc || slot.SlotStartsAtUtc >= weekEnds)
            yield return Finding.Error(BlockReason.PanelRosterInvalid, slot.Origin.Field("slot_starts_at_utc"),
                $"slot {slot.RosterSlotId} starts at {Timestamps.Format(slot.SlotStartsAtUtc)}, outside its handoff week {week.HandoffWeekId} [{Timestamps.Format(week.WeekStartsUtc)}, {Timestamps.Format(weekEnds)})",
                "Name the handoff week that contains the slot's start, or correct slot_starts_at_utc.");
    }
}
