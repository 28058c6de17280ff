using EvidenceTasks.Core.Allocation;
using EvidenceTasks.Core.Budgets;
using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 173's CHECK constraint and more (SPEC.md "Allocator"): a budget's seven percentages are hundredths summing to
/// exactly 100.00, no lane above the cap, reserved at least the minimum, and — once its board verifies — exactly the
/// allocator's output for the board at the budget's as_of.
/// </summary>
public sealed class BudgetSumRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        foreach (var budget in evidence.SprintBudgets)
        {
            var findings = Invariants(budget, evidence.Allocator).ToList();
            if (findings.Count == 0 && evidence.Allocator is { } config) findings.AddRange(Recompute(evidence, budget, config));
            foreach (var f in findings) yield return f;
        }
    }

    private static IEnumerable<Finding> Invariants(SprintBudget budget, AllocatorConfig? config)
    {
        foreach (var (lane, pct) in budget.LanePct)
        {
            if (decimal.Truncate(pct * 100) != pct * 100)
                yield return Error(budget, lane, $"{Column(lane)} is {pct}: percentages are whole hundredths");
        }
        var sum = budget.LanePct.Values.Sum();
        if (sum != 100m)
            yield return Error(budget, HardeningAllocation.Reserved,
                $"the seven *_pct columns of sprint {budget.SprintId} sum to {sum:0.00##}, not exactly 100.00");
        if (config is null) yield break;
        foreach (var (lane, pct) in budget.LanePct)
        {
            if (lane != HardeningAllocation.Reserved && pct > config.LaneCapPct)
                yield return Error(budget, lane, $"{Column(lane)} is {pct:0.00}, above the lane cap of {config.LaneCapPct}% (governance/allocator.yaml lane_cap_pct)");
        }
        var reserved = budget.LanePct.GetValueOrDefault(HardeningAllocation.Reserved);
        if (reserved < config.ReservedMinPct)
            yield return Error(budget, HardeningAllocation.Reserved, $"reserved_pct is {reserved:0.00}, below the reserve of {config.ReservedMinPct}% (governance/allocator.yaml reserved_min_pct)");
    }

    /// <summary>
    /// Compared only when the board the budget was cut from verifies (else trend_board_snapshot_mismatch says why) and
    /// governance/allocator.yaml is the one recorded at the cut (a later governance change does not rewrite old budgets).
    /// </summary>
    private static IEnumerable<Finding> Recompute(EvidenceSet evidence, SprintBudget budget, AllocatorConfig config)
    {
        var verification = BudgetVerification.Of(evidence, budget);
        if (!verification.Verifies || !verification.AllocatorUnchanged) yield break;
        var expected = Allocator.Allocate(config, verification.Board.Rows).Percentages;
        foreach (var lane in BudgetDocument.SeedColumnOrder)
        {
            var actual = budget.LanePct.GetValueOrDefault(lane);
            var want = expected.GetValueOrDefault(lane);
            if (actual != want)
                yield return Error(budget, lane,
                    $"{Column(lane)} is {actual:0.00} but the allocator gives {want:0.00} for the trend board at as_of {Timestamps.Format(budget.AsOf)} (sprint {budget.SprintId})");
        }
    }

    private static string Column(string lane) => lane + "_pct";

    private static Finding Error(SprintBudget budget, string lane, string message) =>
        Finding.Error(BlockReason.BudgetSumInvalid, budget.Origin.Field(Column(lane)), message);
}
