using EvidenceTasks.Core.Friday;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 173 Block 6: when the previous sprint's Friday answer was <c>n</c>, the next budget carries a variance_note.
/// The previous sprint's answer is Block 6 evaluated at this budget's as_of against the budget cut before it (the latest
/// as_of strictly earlier): the week that closes the previous sprint.
/// </summary>
public sealed class VarianceNoteRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        if (evidence.Allocator is not { } config) yield break;
        foreach (var budget in evidence.SprintBudgets)
        {
            if (budget.VarianceNote is not null) continue;
            if (Block6.PreviousBudget(evidence, budget.AsOf) is not { } previous) continue;
            var block6 = Block6.Evaluate(evidence, config, previous, budget.AsOf);
            if (block6.Answer) continue;
            yield return Finding.Error(BlockReason.VarianceNoteMissing, budget.Origin.Field("approved_by"),
                $"sprint {budget.SprintId} has no variance_note but the previous sprint {previous.SprintId}'s Block 6 at {Timestamps.Format(budget.AsOf)} answered n: {block6.Explanation}");
        }
    }
}
