using EvidenceTasks.Core.Budgets;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Readbacks;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// A partner readback is bound to its sprint's budget: the budget exists, and the readback's snapshot hash, as_of,
/// allocation table and input list (with SHA-256) are the budget's; everything else in it (board table, counts, charts,
/// prose) must be exactly what <c>readback</c> renders. Only the repository-commit line is free (the commit is outside the tree).
/// </summary>
public sealed class ReadbackRule : IRecordedHashRule
{
    /// <summary>A readback is rendered from its budget, the budget's board and the allocator: everything, as for the budget.</summary>
    public RecordedHashScope Scope { get; } = new(EvidenceParts.Readbacks, EvidenceParts.All);

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
            var found = Check(evidence, readback, budget, budgetPath).ToList();
            foreach (var f in found) yield return f;
            if (found.Count == 0 && FirstRenderedDifference(evidence, readback, budget, budgetPath) is { } line)
                yield return Finding.Error(BlockReason.TrendBoardSnapshotMismatch, new SourceLocation(path, line.Number, 1),
                    $"line {line.Number} '{line.Text}' is not what `readback` renders from sprint {budget.SprintId}'s budget and board: '{line.Expected}'",
                    $"Regenerate it: delete {path} and run `readback --sprint {budget.SprintId}`; never edit a readback by hand.");
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

    /// <summary>
    /// The rest of the packet (the board table, the classification counts, the charts, the prose) is rendered from the
    /// budget and the board it was cut from, so it must be exactly what <c>readback</c> writes, apart from the
    /// repository-commit line (found by fuzzing every readback line: a tampered board row passed the field checks).
    /// Only judged while the budget verifies and the allocator it recorded (lane titles) is unchanged; otherwise the
    /// findings above already say what is wrong.
    /// </summary>
    private static (int Number, string Text, string Expected)? FirstRenderedDifference(EvidenceSet evidence, Readback readback, SprintBudget budget, string budgetPath)
    {
        var v = BudgetVerification.Of(evidence, budget);
        if (!v.Verifies || !v.AllocatorUnchanged) return null;
        var rendered = ReadbackDocument.Render(new ReadbackInput(budget, budgetPath, evidence.FileSha256.GetValueOrDefault(budgetPath, string.Empty), v.Board, evidence.Allocator, null));
        if (ReadbackDocument.SameExceptCommit(rendered, readback.Content)) return null;
        var want = rendered.Split('\n');
        var have = readback.Content.Split('\n');
        for (var i = 0; i < Math.Max(want.Length, have.Length); i++)
        {
            var w = i < want.Length ? want[i] : string.Empty;
            var h = i < have.Length ? have[i] : string.Empty;
            if (w == h || (w.StartsWith(ReadbackDocument.CommitLabel, StringComparison.Ordinal) && h.StartsWith(ReadbackDocument.CommitLabel, StringComparison.Ordinal))) continue;
            return (i + 1, h, w);
        }
        return (1, string.Empty, string.Empty);
    }
}
