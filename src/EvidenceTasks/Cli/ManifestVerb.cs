using System.CommandLine;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;
using EvidenceTasks.IO.Exports;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>manifest</c>: writes evidence/manifests/&lt;handoff_week_id&gt;.json, the regional_panel_quorum_manifest_v1 of a
/// handoff week's locked slots (Lesson 186). Without <c>--week</c>, every week with a locked slot. A week whose locked
/// slots break a roster rule is refused; re-running on unchanged input touches nothing.
/// </summary>
public static class ManifestVerb
{
    public static Command Build(CliContext ctx) => RosterInput.ExportCommand(ctx, "manifest",
        "Write quorum manifests (evidence/manifests/<handoff_week_id>.json) of handoff weeks' locked slots.",
        new Option<string?>("--week") { Description = "Write only this handoff_week_id's manifest.", HelpName = "ID" },
        (root, evidence, only, tally) =>
        {
            IEnumerable<HandoffWeek> weeks = evidence.HandoffWeeks.OrderBy(w => w.HandoffWeekId, StringComparer.Ordinal);
            if (only is not null)
                weeks = [evidence.HandoffWeeksById.GetValueOrDefault(only) ?? throw new UsageException($"--week '{only}' is not a handoff_week_id in roster/handoff_weeks/")];
            foreach (var week in weeks)
            {
                var slots = QuorumManifestBuilder.SlotsOf(evidence, week.HandoffWeekId);
                var guard = slots.SelectMany(s => LockGuard.Check(evidence, s)).Distinct().Order(Finding.ReportOrder).ToList();
                if (slots.IsEmpty && only is null)
                    tally.Skip(week.HandoffWeekId, "no locked slot to attest");
                else if (slots.IsEmpty)
                    tally.Refuse([Finding.Error(BlockReason.PanelRosterGapOpen, week.Origin.Field("handoff_week_id"),
                        $"handoff week {week.HandoffWeekId} has no locked slot: a quorum manifest would attest nothing",
                        "Lock the week's slots (four roles, the week's tuple hash) first, then run `manifest` again.")]);
                else if (guard.Count > 0)
                    tally.Refuse(guard, $"{week.HandoffWeekId}: its locked slots break the roster rules above");
                else
                    tally.Wrote(RosterExports.ExportManifest(root, week, slots));
            }
        });
}
