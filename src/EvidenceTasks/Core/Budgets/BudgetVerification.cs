using System.Collections.Immutable;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Trends;

namespace EvidenceTasks.Core.Budgets;

public enum BudgetVerdict
{
    /// <summary>The board at the budget's as_of, computed from the whole repository, has the recorded hash.</summary>
    Verified,

    /// <summary>
    /// The whole repository's board at as_of differs only because files were added after the cut: the recorded inputs
    /// are all present and unchanged, and the board over exactly them has the recorded hash.
    /// </summary>
    VerifiedFromInputs,

    /// <summary>Neither reproduces the recorded hash.</summary>
    Mismatch,
}

/// <summary>
/// Whether a budget's <c>trend_board_snapshot_hash</c> recomputes. <see cref="Board"/> is the board the budget was cut
/// from when it verifies, else the repository's board at its as_of.
/// </summary>
public sealed record BudgetVerification(
    SprintBudget Budget,
    BudgetVerdict Verdict,
    TrendBoard Board,
    TrendBoard RepositoryBoard,
    ImmutableArray<string> ChangedInputs,
    ImmutableArray<string> LateInputs,
    bool AllocatorUnchanged)
{
    public const string AllocatorPath = "governance/allocator.yaml";

    public bool Verifies => Verdict != BudgetVerdict.Mismatch;

    /// <summary>
    /// Verifies <paramref name="budget"/> against the repository. Later evidence (a ticket for an old rehearsal, a draft
    /// log scored after the cut) changes the board at an old as_of; the budget then still verifies when every file it
    /// recorded in <c>inputs_sha256</c> is unchanged and the board over exactly those files has the recorded hash.
    /// An edit to a recorded input that changes the old board is a mismatch (it rewrites what the partner signed).
    /// </summary>
    public static BudgetVerification Of(EvidenceSet evidence, SprintBudget budget)
    {
        var full = TrendBoard.Compute(evidence, budget.AsOf);
        var changed = budget.InputsSha256
            .Where(i => evidence.FileSha256.GetValueOrDefault(i.Key) != i.Value)
            .Select(i => i.Key)
            .ToImmutableArray();
        var allocatorUnchanged = budget.InputsSha256.Count == 0 || !changed.Contains(AllocatorPath);
        if (full.SnapshotHash == budget.TrendBoardSnapshotHash)
            return new(budget, BudgetVerdict.Verified, full, full, changed, [], allocatorUnchanged);

        var boardChanged = changed.Where(p => p != AllocatorPath).ToImmutableArray();
        if (budget.InputsSha256.Count > 0 && boardChanged.IsEmpty)
        {
            var recorded = budget.InputsSha256.Keys.ToImmutableHashSet(StringComparer.Ordinal);
            // A new set, not `evidence with { ... }`: a record copy would carry over the original's cached indexes.
            var restricted = new EvidenceSet
            {
                Logs = [.. evidence.Logs.Where(l => recorded.Contains(l.Origin.Path))],
                Deficiencies = [.. evidence.Deficiencies.Where(d => recorded.Contains(d.Origin.Path))],
                CarveOuts = [.. evidence.CarveOuts.Where(c => recorded.Contains(c.Origin.Path))],
            };
            var cut = TrendBoard.Compute(restricted, budget.AsOf);
            if (cut.SnapshotHash == budget.TrendBoardSnapshotHash)
            {
                var late = full.InputPaths.Where(p => !recorded.Contains(p)).ToImmutableArray();
                return new(budget, BudgetVerdict.VerifiedFromInputs, cut, full, changed, late, allocatorUnchanged);
            }
        }
        return new(budget, BudgetVerdict.Mismatch, full, full, boardChanged, [], allocatorUnchanged);
    }
}
