using System.CommandLine;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;
using EvidenceTasks.IO;
using EvidenceTasks.IO.Exports;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>manifest</c>: writes evidence/manifests/&lt;handoff_week_id&gt;.json, the regional_panel_quorum_manifest_v1 of a
/// handoff week's locked slots (Lesson 186). Without <c>--week</c>, every week with a locked slot. A week whose locked
/// slots break a roster rule is refused; re-running on unchanged input touches nothing.
/// </summary>
public static class ManifestVerb
{
    public static Command Build(CliContext ctx)
    {
        var root = CommonOptions.Root();
        var weekOption = new Option<string?>("--week") { Description = "Write only this handoff_week_id's manifest.", HelpName = "ID" };
        var command = new Command("manifest", "Write quorum manifests (evidence/manifests/<handoff_week_id>.json) of handoff weeks' locked slots.") { root, weekOption };
        command.SetAction(parse =>
        {
            var (dir, loaded) = RosterInput.Load(ctx, parse.GetValue(root));
            var sourceErrors = RosterInput.SourceErrors(loaded);
            if (!sourceErrors.IsEmpty)
            {
                RosterInput.WriteFindings(ctx.Out, sourceErrors);
                ctx.Out.WriteLine("manifest: refused: the roster does not load; nothing written");
                return ExitCodes.Blocked;
            }
            var evidence = loaded.Evidence;
            var only = parse.GetValue(weekOption);
            IEnumerable<HandoffWeek> weeks = evidence.HandoffWeeks.OrderBy(w => w.HandoffWeekId, StringComparer.Ordinal);
            if (only is not null)
                weeks = [evidence.HandoffWeeksById.GetValueOrDefault(only) ?? throw new UsageException($"--week '{only}' is not a handoff_week_id in roster/handoff_weeks/")];

            int written = 0, unchanged = 0, skipped = 0, refused = 0;
            foreach (var week in weeks)
            {
                var slots = QuorumManifestBuilder.SlotsOf(evidence, week.HandoffWeekId);
                if (slots.IsEmpty)
                {
                    if (only is null)
                    {
                        ctx.Out.WriteLine($"manifest: skipped {week.HandoffWeekId} (no locked slot to attest)");
                        skipped++;
                        continue;
                    }
                    RosterInput.WriteFindings(ctx.Out, [Finding.Error(BlockReason.PanelRosterGapOpen, week.Origin.Field("handoff_week_id"),
                        $"handoff week {week.HandoffWeekId} has no locked slot: a quorum manifest would attest nothing",
                        "Lock the week's slots (four roles, the week's tuple hash) first, then run `manifest` again.")]);
                    refused++;
                    continue;
                }
                var guard = slots.SelectMany(s => LockGuard.Check(evidence, s)).Distinct().Order(Finding.ReportOrder).ToList();
                if (guard.Count > 0)
                {
                    RosterInput.WriteFindings(ctx.Out, guard);
                    ctx.Out.WriteLine($"manifest: refused {week.HandoffWeekId}: its locked slots break the roster rules above");
                    refused++;
                    continue;
                }
                var result = RosterExports.ExportManifest(dir, week, slots);
                ctx.Out.WriteLine($"manifest: {IcsVerb.Word(result.Outcome!.Value)} {result.Path} ({slots.Length} slot{(slots.Length == 1 ? string.Empty : "s")}, {result.Detail})");
                if (result.Outcome == WriteOutcome.Unchanged) unchanged++;
                else written++;
            }
            var nothing = written == 0 && refused == 0 ? ": nothing to do, every manifest is up to date" : string.Empty;
            ctx.Out.WriteLine($"manifest: {written} written, {unchanged} unchanged, {skipped} skipped, {refused} refused{nothing}");
            return refused > 0 ? ExitCodes.Blocked : ExitCodes.Clean;
        });
        return command;
    }
}
