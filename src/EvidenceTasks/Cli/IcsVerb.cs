using System.CommandLine;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;
using EvidenceTasks.IO;
using EvidenceTasks.IO.Exports;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>ics</c>: exports evidence/ics/&lt;cert_window_id&gt;/&lt;roster_slot_id&gt;.ics for locked slots (Lesson 181 with
/// 186's guard). Without <c>--slot</c> every locked slot is exported and the others are listed as skipped; a draft slot
/// named with <c>--slot</c> is refused with <c>panel_roster_gap_open</c>. Re-running on unchanged input touches nothing.
/// </summary>
public static class IcsVerb
{
    public static Command Build(CliContext ctx)
    {
        var root = CommonOptions.Root();
        var slotOption = new Option<string?>("--slot") { Description = "Export only this roster_slot_id (refused unless it is locked and passes the roster rules).", HelpName = "ID" };
        var command = new Command("ics", "Export ICS holds of locked roster slots to evidence/ics/<cert_window_id>/<roster_slot_id>.ics.") { root, slotOption };
        command.SetAction(parse =>
        {
            var (dir, loaded) = RosterInput.Load(ctx, parse.GetValue(root));
            var sourceErrors = RosterInput.SourceErrors(loaded);
            if (!sourceErrors.IsEmpty)
            {
                RosterInput.WriteFindings(ctx.Out, sourceErrors);
                ctx.Out.WriteLine("ics: refused: the roster does not load; nothing exported");
                return ExitCodes.Blocked;
            }
            var evidence = loaded.Evidence;
            var only = parse.GetValue(slotOption);
            IEnumerable<RosterSlot> slots = evidence.Slots.OrderBy(s => s.CertWindowId, StringComparer.Ordinal).ThenBy(s => s.RosterSlotId, StringComparer.Ordinal);
            if (only is not null)
                slots = [evidence.SlotsById.GetValueOrDefault(only) ?? throw new UsageException($"--slot '{only}' is not a roster_slot_id in roster/slots/")];

            int created = 0, updated = 0, unchanged = 0, skipped = 0, refused = 0;
            foreach (var slot in slots)
            {
                if (!slot.IsLocked)
                {
                    if (only is null)
                    {
                        ctx.Out.WriteLine($"ics: skipped {slot.RosterSlotId} ({slot.RosterStatus}: only locked slots export)");
                        skipped++;
                        continue;
                    }
                    RosterInput.WriteFindings(ctx.Out, [Finding.Error(BlockReason.PanelRosterGapOpen, slot.Origin.Field("roster_status"),
                        $"slot {slot.RosterSlotId} is {slot.RosterStatus}: only locked slots export an ICS hold",
                        "Bind the four roles, set roster_status: locked, then run `ics` again.")]);
                    refused++;
                    continue;
                }
                var guard = LockGuard.Check(evidence, slot);
                if (!guard.IsEmpty || !evidence.HandoffWeeksById.TryGetValue(slot.HandoffWeekId, out var week))
                {
                    RosterInput.WriteFindings(ctx.Out, guard);
                    ctx.Out.WriteLine($"ics: refused {slot.RosterSlotId}: the locked slot breaks the roster rules above");
                    refused++;
                    continue;
                }
                var result = RosterExports.ExportIcs(dir, slot, week);
                if (result.Refused)
                {
                    RosterInput.WriteFindings(ctx.Out, result.Refusals);
                    refused++;
                    continue;
                }
                ctx.Out.WriteLine($"ics: {Word(result.Outcome!.Value)} {result.Path} ({result.Detail})");
                switch (result.Outcome)
                {
                    case WriteOutcome.Created: created++; break;
                    case WriteOutcome.Updated: updated++; break;
                    default: unchanged++; break;
                }
            }
            var nothing = created + updated == 0 && refused == 0 ? ": nothing to do, every hold is up to date" : string.Empty;
            ctx.Out.WriteLine($"ics: {created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped, {refused} refused{nothing}");
            return refused > 0 ? ExitCodes.Blocked : ExitCodes.Clean;
        });
        return command;
    }

    internal static string Word(WriteOutcome outcome) => outcome switch
    {
        WriteOutcome.Created => "created",
        WriteOutcome.Updated => "updated",
        WriteOutcome.Unchanged => "unchanged",
        _ => "exists",
    };
}
