using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 181 UID stability: every exported hold evidence/ics/&lt;cert_window_id&gt;/&lt;roster_slot_id&gt;.ics belongs
/// to a slot of that window, is a calendar with one event, and still carries the slot's UID (a UID never changes once
/// exported: receipts and calendars refer to it).
/// </summary>
public sealed class IcsHoldRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        foreach (var hold in evidence.IcsHolds)
        {
            var path = hold.Origin.Path;
            if (SlotOf(evidence, hold) is not { } slot)
            {
                if (!evidence.IsUnreadable(RosterPaths.Slots(hold.CertWindowId)))
                    yield return Finding.Error(BlockReason.ReferenceBroken, new SourceLocation(path, 1, 1),
                        $"ICS hold for slot '{hold.RosterSlotId}', but {RosterPaths.Slots(hold.CertWindowId)} has no such slot",
                        "Holds are generated: restore the slot, or remove the file if the slot never existed.");
                continue;
            }
            // Read when the hold was made (IcsHold.Identity): the loader makes holds on every core.
            if (hold.Identity is not { } identity)
            {
                yield return Finding.Error(BlockReason.ParseError, new SourceLocation(path, 1, 1),
                    "not an iCalendar file with exactly one VEVENT carrying a UID",
                    "Holds are generated: run `ics --slot " + slot.RosterSlotId + "` instead of editing the file.");
                continue;
            }
            var uid = IcsHoldBuilder.UidFor(slot);
            if (identity.Uid != uid)
                yield return Finding.Error(BlockReason.PanelRosterInvalid, new SourceLocation(path, identity.UidLine, 1),
                    $"the hold was exported with UID {identity.Uid}, but slot {slot.RosterSlotId} now gives UID {uid}",
                    $"A UID never changes once exported: set ics_uid: {identity.Uid} on the slot in {RosterPaths.Slots(slot.CertWindowId)}.");
        }
    }

    private static RosterSlot? SlotOf(EvidenceSet evidence, IcsHold hold) =>
        evidence.SlotsById.TryGetValue(hold.RosterSlotId, out var slot) && slot.CertWindowId == hold.CertWindowId ? slot : null;
}
