using EvidenceTasks.Core.Budgets;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// A budget's <c>trend_board_snapshot_hash</c> must recompute at its as_of (Lesson 173: the hash binds the budget and
/// the partner readback to one snapshot of the board). Evidence added after the cut may change the board at that as_of;
/// the budget then still verifies from the unchanged inputs it recorded, with a <c>late_evidence</c> warning.
/// </summary>
public sealed class BudgetSnapshotRule : IRecordedHashRule
{
    /// <summary>
    /// The trend board at the budget's own as_of reads logs, tickets and carve-outs, and <c>inputs_sha256</c> may name any
    /// file: everything. The context's as_of is not read (the budget records its own).
    /// </summary>
    public RecordedHashScope Scope { get; } = new(EvidenceParts.SprintBudgets, EvidenceParts.All);

    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        foreach (var budget in evidence.SprintBudgets)
        {
            var v = BudgetVerification.Of(evidence, budget);
            var at = budget.Origin.Field("trend_board_snapshot_hash");
            var asOf = Timestamps.Format(budget.AsOf);
            switch (v.Verdict)
            {
                case BudgetVerdict.Mismatch:
                    var why = !v.ChangedInputs.IsEmpty
                        ? $"; inputs recorded at the cut have changed or are gone: {string.Join(", ", v.ChangedInputs)}"
                        : budget.InputsSha256.Count == 0 ? "; the budget records no inputs_sha256 to verify it from" : string.Empty;
                    yield return Finding.Error(BlockReason.TrendBoardSnapshotMismatch, at,
                        $"sprint {budget.SprintId} records trend_board_snapshot_hash {budget.TrendBoardSnapshotHash} but the trend board at as_of {asOf} recomputes to {v.RepositoryBoard.SnapshotHash}{why}");
                    break;
                case BudgetVerdict.VerifiedFromInputs:
                    yield return Finding.Warning(BlockReason.LateEvidence, at,
                        $"the trend board at sprint {budget.SprintId}'s as_of {asOf} now recomputes to {v.RepositoryBoard.SnapshotHash} because of evidence added after the cut ({string.Join(", ", v.LateInputs)}); the recorded hash still verifies from the {budget.InputsSha256.Count} unchanged inputs it lists");
                    break;
            }
        }
    }
}
