using EvidenceTasks.Core.Budgets;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Readbacks;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// A partner readback is bound to its sprint's budget: the budget exists, and the readback's snapshot hash, as_of,
/// allocation table and input list (with SHA-256) are the budget's. The repository-commit line and prose are not checked
/// (the commit is outside the tree; the rest is rendered from what is checked).
/// </summary>
public sealed class ReadbackRule : IRecordedHashRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        foreach (var readback in evidence.Readbacks)
        {
            var path = readback.Origin.Path;
            var budgetPath = BudgetDocument.PathFor(readback.SprintId);
            if (!evidence.SprintBudgetsById.TryGetValue(readback.SprintId, out var budget))
            {
                if (!evidence.IsUnreadable(budgetPath))
                    yield return Finding.Error(BlockReason.ReferenceBroken, new SourceLocation(path, 1, 1),
                        $"readback for sprint {readback.SprintId} but {budgetPath} does not exist",
                        "Cut the budget with `allocate` first, or name the readback after an existing sprint.");
                continue;
            }
            foreach (var f in Check(evidence, readback, budget, budgetPath)) yield return f;
        }
    }

    private static IEnumerable<Finding> Check(EvidenceSet evidence, Readback readback, SprintBudget budget, string budgetPath)
    {
        var path = readback.Origin.Path;
        var parsed = ReadbackDocument.Parse(readback.Content);
        Finding Mismatch(int line, string message) =>
            Finding.Error(BlockReason.TrendBoardSnapshotMismatch, new SourceLocation(path, Math.Max(1, line), 1), message,
                $"Regenerate it: delete {path} and run `readback --sprint {budget.SprintId}`; never edit a readback by hand.");

        if (parsed.SnapshotHash is not { } hash)
            yield return Mismatch(1, "no 'Trend board snapshot hash' line");
        else if (hash.Value != budget.TrendBoardSnapshotHash)
            yield return Mismatch(hash.Line, $"snapshot hash {hash.Value} is not sprint {budget.SprintId}'s {budget.TrendBoardSnapshotHash}");

        var asOf = Timestamps.Format(budget.AsOf);
        if (parsed.AsOf is not { } a)
            yield return Mismatch(1, "no 'As of' line");
        else if (a.Value != asOf)
            yield return Mismatch(a.Line, $"as_of {a.Value} is not sprint {budget.SprintId}'s {asOf}");

        var columns = BudgetDocument.SeedColumnOrder;
        if (parsed.Allocation.Length != columns.Length)
            yield return Mismatch(parsed.AllocationLine, $"the allocation table has {parsed.Allocation.Length} rows, not {columns.Length}");
        else
        {
            for (var i = 0; i < columns.Length; i++)
            {
                var want = budget.LanePct.GetValueOrDefault(columns[i]);
                if (parsed.Allocation[i].Pct != want)
                    yield return Mismatch(parsed.Allocation[i].Line, $"{columns[i]} is {parsed.Allocation[i].Pct:0.00}% here but {want:0.00}% in {budgetPath}");
            }
        }

        var expected = ReadbackDocument.ExpectedInputs(budget, budgetPath, evidence.FileSha256.GetValueOrDefault(budgetPath, string.Empty));
        var listed = parsed.Inputs.GroupBy(i => i.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var input in parsed.Inputs.Where(i => expected.GetValueOrDefault(i.Path) != i.Sha256))
        {
            yield return Mismatch(input.Line, expected.ContainsKey(input.Path)
                ? $"input {input.Path} is listed with SHA-256 {input.Sha256}, but the budget records {expected[input.Path]}"
                : $"'{input.Path}' is not an input of sprint {budget.SprintId}'s budget");
        }
        var missing = expected.Keys.Where(p => !listed.ContainsKey(p)).ToList();
        if (missing.Count > 0)
            yield return Mismatch(parsed.InputsLine, $"the input list lacks {string.Join(", ", missing)}");
    }
}
