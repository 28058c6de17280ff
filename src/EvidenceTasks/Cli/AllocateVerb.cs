using System.CommandLine;
using System.Globalization;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Allocation;
using EvidenceTasks.Core.Budgets;
using EvidenceTasks.Core.Friday;
using EvidenceTasks.Core.Trends;
using EvidenceTasks.IO;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>allocate</c>: runs the sprint hardening allocator over the trend board at as_of and cuts
/// evidence/sprint-budgets/&lt;sprint_id&gt;.json. Never overwrites a budget: the same content is "unchanged", other
/// content is refused.
/// </summary>
public static class AllocateVerb
{
    public static Command Build(CliContext ctx)
    {
        var root = CommonOptions.Root();
        var asOf = CommonOptions.AsOf();
        var sprint = new Option<string>("--sprint") { Description = "Sprint id, the budget's file name, e.g. 2026-Q4-S06.", HelpName = "ID", Required = true };
        var approvedBy = new Option<string>("--approved-by") { Description = "Who approved the allocator output (team lead role, e.g. governance_owner).", HelpName = "ROLE", Required = true };
        var note = new Option<string?>("--variance-note") { Description = "Why last sprint's closures diverged from its allocation; required when the previous sprint's Block 6 answered n.", HelpName = "TEXT" };
        var command = new Command("allocate", "Cut a sprint hardening budget from the trend board at as_of (generated_dt_utc = as_of).")
        {
            root, asOf, sprint, approvedBy, note,
        };
        command.SetAction(parse =>
        {
            var dir = CommonOptions.ResolveRoot(ctx, parse.GetValue(root));
            var instant = CommonOptions.ResolveAsOf(ctx, parse.GetValue(asOf));
            var sprintId = DerivedEvidence.SprintId(parse.GetValue(sprint));
            var approver = parse.GetValue(approvedBy)?.Trim();
            if (string.IsNullOrEmpty(approver)) throw new UsageException("--approved-by needs the approving role, e.g. governance_owner");
            var varianceNote = parse.GetValue(note)?.Trim();
            if (DerivedEvidence.Load(ctx, dir, "allocate") is not { } evidence) return ExitCodes.Blocked;
            if (DerivedEvidence.Allocator(ctx, evidence) is not { } config) return ExitCodes.Blocked;

            var path = BudgetDocument.PathFor(sprintId);
            var board = TrendBoard.Compute(evidence, instant);
            var allocation = Allocator.Allocate(config, board.Rows);
            ctx.Out.WriteLine($"allocate: sprint {sprintId} at as_of {Timestamps.Format(instant)} from {board.Rows.Length} board row(s), trend_board_snapshot_hash {board.SnapshotHash}");
            ctx.Out.Write(Table(allocation));

            if (Block6.PreviousBudget(evidence, instant) is { } previous && previous.SprintId != sprintId)
            {
                var block6 = Block6.Evaluate(evidence, config, previous, instant);
                ctx.Out.WriteLine($"previous sprint {previous.SprintId}: Block 6 at {Timestamps.Format(instant)} answered {block6.AnswerText} ({block6.Explanation})");
                if (!block6.Answer && string.IsNullOrEmpty(varianceNote))
                    return DerivedEvidence.Refuse(ctx, Finding.Error(BlockReason.VarianceNoteMissing, new SourceLocation(path, 1, 1),
                        $"the previous sprint {previous.SprintId}'s Block 6 answered n, so sprint {sprintId}'s budget needs a variance_note",
                        "Rerun with --variance-note \"why the closures diverged from the allocation\"."));
            }

            var content = EvidenceJson.Write(BudgetDocument.Build(sprintId, instant, allocation, board, approver, varianceNote, evidence));
            return DerivedEvidence.WriteOnce(ctx, dir, path, content, string.Equals, string.Empty,
                "the budget already holds exactly this allocation",
                $"sprint {sprintId} already has a different budget; budgets are never overwritten",
                "Cut the next sprint under a new sprint id; a committed budget is append-only evidence.");
        });
        return command;
    }

    public static string Table(HardeningAllocation allocation)
    {
        static string Num(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        var rows = allocation.Lanes.Select(l => (IReadOnlyList<string>)
        [
            l.Lane, l.Weight.ToString("0.##", CultureInfo.InvariantCulture), Num(l.PreCapShare.Round(2)), l.Capped ? "capped" : string.Empty, Num(l.Pct),
        ]).Append([HardeningAllocation.Reserved, string.Empty, string.Empty, string.Empty, Num(allocation.ReservedPct)]);
        return TextTable.Render(["lane", "weight", "pre-cap %", "cap", "final %"], rows, "  ");
    }
}
