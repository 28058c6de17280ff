using System.CommandLine;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Budgets;
using EvidenceTasks.Core.Readbacks;
using EvidenceTasks.IO.Git;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>readback</c>: writes the partner readback packet evidence/readbacks/&lt;sprint_id&gt;.md for a cut budget, bound to
/// its snapshot hash. Never overwrites a different readback; one that differs only in the commit line is "unchanged".
/// </summary>
public static class ReadbackVerb
{
    public static Command Build(CliContext ctx)
    {
        var root = CommonOptions.Root();
        var sprint = new Option<string>("--sprint") { Description = "Sprint whose budget the readback exports.", HelpName = "ID", Required = true };
        var command = new Command("readback", "Write the Lesson 173 partner readback (Markdown with Mermaid charts) for a sprint budget.") { root, sprint };
        command.SetAction(parse =>
        {
            var dir = CommonOptions.ResolveRoot(ctx, parse.GetValue(root));
            var sprintId = DerivedEvidence.SprintId(parse.GetValue(sprint));
            if (DerivedEvidence.Load(ctx, dir, "readback") is not { } evidence) return ExitCodes.Blocked;
            var budgetPath = BudgetDocument.PathFor(sprintId);
            if (!evidence.SprintBudgetsById.TryGetValue(sprintId, out var budget))
                return DerivedEvidence.Refuse(ctx, Finding.Error(BlockReason.ReferenceBroken, new SourceLocation(budgetPath, 1, 1),
                    $"sprint {sprintId} has no budget to read back", "Cut it first: `allocate --sprint <id> --approved-by <role>`."));
            var verification = BudgetVerification.Of(evidence, budget);
            if (!verification.Verifies)
                return DerivedEvidence.Refuse(ctx, Finding.Error(BlockReason.TrendBoardSnapshotMismatch, budget.Origin.Field("trend_board_snapshot_hash"),
                    $"sprint {sprintId}'s trend_board_snapshot_hash does not recompute (the board at its as_of gives {verification.RepositoryBoard.SnapshotHash}); a readback cannot be bound to it"));

            var budgetSha = evidence.FileSha256.GetValueOrDefault(budgetPath, string.Empty);
            var inputs = ReadbackDocument.ExpectedInputs(budget, budgetPath, budgetSha).Keys;
            var content = ReadbackDocument.Render(new ReadbackInput(budget, budgetPath, budgetSha, verification.Board, evidence.Allocator,
                GitWorkingTree.Describe(dir, inputs)));
            return DerivedEvidence.WriteOnce(ctx, dir, ReadbackDocument.PathFor(sprintId), content, ReadbackDocument.SameExceptCommit,
                $" (sprint {sprintId}, as_of {Timestamps.Format(budget.AsOf)}, trend_board_snapshot_hash {budget.TrendBoardSnapshotHash})",
                "it already reads back this budget",
                $"sprint {sprintId} already has a different readback; readbacks are never overwritten",
                "A committed readback is append-only evidence; if it is wrong, the gate names why (trend_board_snapshot_mismatch).");
        });
        return command;
    }
}
