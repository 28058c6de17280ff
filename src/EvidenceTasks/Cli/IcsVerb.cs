using System.CommandLine;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;
using EvidenceTasks.IO.Exports;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>ics</c>: exports evidence/ics/&lt;cert_window_id&gt;/&lt;roster_slot_id&gt;.ics for locked slots (Lesson 181 with
/// 186's guard). Without <c>--slot</c> every locked slot is exported and the others are listed as skipped; a draft slot
/// named with <c>--slot</c> is refused with <c>panel_roster_gap_open</c>. Re-running on unchanged input touches nothing.
/// </summary>
public static class IcsVerb
{
    public static Command Build(CliContext ctx) => RosterInput.ExportCommand(ctx, "ics",
        "Export ICS holds of locked roster slots to evidence/ics/<cert_window_id>/<roster_slot_id>.ics.",
        new Option<string?>("--slot") { Description = "Export only this roster_slot_id (refused unless it is locked and passes the roster rules).", HelpName = "ID" },
        (root, evidence, only, tally) =>
        {
            IEnumerable<RosterSlot> slots = evidence.Slots.OrderBy(s => s.CertWindowId, StringComparer.Ordinal).ThenBy(s => s.RosterSlotId, StringComparer.Ordinal);
            if (only is not null)
                slots = [evidence.SlotsById.GetValueOrDefault(only) ?? throw new UsageException($"--slot '{only}' is not a roster_slot_id in roster/slots/")];
            foreach (var slot in slots)
            {
                if (!slot.IsLocked && only is null)
                    tally.Skip(slot.RosterSlotId, $"{slot.RosterStatus}: only locked slots export");
                else if (!slot.IsLocked)
                    tally.Refuse([Finding.Error(BlockReason.PanelRosterGapOpen, slot.Origin.Field("roster_status"),
                        $"slot {slot.RosterSlotId} is {slot.RosterStatus}: only locked slots export an ICS hold",
                        "Bind the four roles, set roster_status: locked, then run `ics` again.")]);
                else if (LockGuard.Check(evidence, slot) is var guard && (!guard.IsEmpty || !evidence.HandoffWeeksById.ContainsKey(slot.HandoffWeekId)))
                    tally.Refuse(guard, $"{slot.RosterSlotId}: the locked slot breaks the roster rules above");
                else
                    tally.Wrote(RosterExports.ExportIcs(root, slot, evidence.HandoffWeeksById[slot.HandoffWeekId]));
            }
        });
}
