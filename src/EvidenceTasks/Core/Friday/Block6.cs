using System.Collections.Immutable;
using EvidenceTasks.Core.Allocation;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Trends;
using NodaTime;

namespace EvidenceTasks.Core.Friday;

/// <summary>How one lane's closures this week compare with its share of the non-reserved allocation.</summary>
public sealed record LaneComparison(string Lane, int Resolved, Fraction ResolvedShare, Fraction AllocatedShare, bool Within)
{
    /// <summary>|resolved share − allocated share| in percentage points, exact.</summary>
    public Fraction Difference => (ResolvedShare - AllocatedShare).Abs();
}

/// <summary>Friday operating review Block 6 — Recurrence and Hardening (Lesson 173 as fixed by SPEC.md): inputs and the single y/n.</summary>
public sealed record Block6Result(
    Instant AsOf,
    TrendBoard Board,
    SprintBudget Budget,
    int NewStructuralRed,
    int ResolvedCount,
    ImmutableArray<LaneComparison> Lanes,
    bool Answer,
    string Explanation)
{
    public ImmutableArray<TrendBoardRow> TopTen => [.. Board.Rows.Take(10)];

    public string AnswerText => Answer ? "y" : "n";
}

public static class Block6
{
    /// <summary>The closed-deficiency mix may differ from the allocation by at most this many percentage points per lane.</summary>
    public const int TolerancePoints = 25;

    /// <summary>The week Block 6 looks back over: resolutions in (as_of − 7 days, as_of].</summary>
    public static readonly Duration Week = Duration.FromDays(7);

    /// <summary>The current sprint's budget at <paramref name="asOf"/>: the latest as_of at or before it (equal as_of: the ordinally last sprint id).</summary>
    public static SprintBudget? CurrentBudget(EvidenceSet evidence, Instant asOf) =>
        evidence.SprintBudgets.Where(b => b.AsOf <= asOf)
            .OrderBy(b => b.AsOf).ThenBy(b => b.SprintId, StringComparer.Ordinal)
            .LastOrDefault();

    /// <summary>The budget cut before <paramref name="budget"/>: the latest as_of strictly before its as_of.</summary>
    public static SprintBudget? PreviousBudget(EvidenceSet evidence, Instant asOf) =>
        evidence.SprintBudgets.Where(b => b.AsOf < asOf)
            .OrderBy(b => b.AsOf).ThenBy(b => b.SprintId, StringComparer.Ordinal)
            .LastOrDefault();

    public static Block6Result Evaluate(EvidenceSet evidence, AllocatorConfig config, SprintBudget budget, Instant asOf)
    {
        var board = TrendBoard.Compute(evidence, asOf);
        var weekAgo = TrendBoard.Compute(evidence, asOf - Week);
        var newRed = board.Rows.Count(r => r.Classification == Classifications.StructuralRed
            && weekAgo.Find(r.RubricDimension, r.FailureModeTag)?.Classification != Classifications.StructuralRed);

        // Every deficiency event (scored logs, any window) resolved in (as_of − 7 d, as_of], mapped to its lane by dimension.
        var since = asOf - Week;
        var resolved = DeficiencyEvent.At(evidence, asOf)
            .Where(e => e.ResolvedAt(asOf) is { } r && r > since)
            .ToList();
        var laneOf = config.Lanes.SelectMany(l => l.RubricDimensions.Select(d => (d, l.Lane))).ToDictionary(x => x.d, x => x.Lane);
        var total = resolved.Count;
        var nonReserved = Fraction.FromDecimal(100m - budget.LanePct.GetValueOrDefault(HardeningAllocation.Reserved));
        var hundred = Fraction.FromInt(100);
        var tolerance = Fraction.FromInt(TolerancePoints);

        var lanes = config.Lanes.Select(l =>
        {
            var count = resolved.Count(e => laneOf.GetValueOrDefault(e.RubricDimension) == l.Lane);
            var resolvedShare = total == 0 ? Fraction.Zero : hundred * Fraction.FromInt(count) / Fraction.FromInt(total);
            var allocated = nonReserved.IsZero ? Fraction.Zero : hundred * Fraction.FromDecimal(budget.LanePct.GetValueOrDefault(l.Lane)) / nonReserved;
            return new LaneComparison(l.Lane, count, resolvedShare, allocated, (resolvedShare - allocated).Abs() <= tolerance);
        }).ToImmutableArray();

        bool answer;
        string why;
        if (total == 0)
        {
            answer = nonReserved.IsZero;
            why = answer
                ? "no deficiency was resolved this week and the budget allocates nothing outside the reserve"
                : $"no deficiency was resolved this week although the budget allocates {nonReserved.Round(2):0.00}% to hardening lanes";
        }
        else
        {
            var off = lanes.Where(l => !l.Within).ToList();
            answer = off.Count == 0;
            why = answer
                ? $"every lane's share of the {total} resolution(s) is within {TolerancePoints} points of its allocation"
                : "off by more than " + TolerancePoints + " points: " + string.Join(", ", off.Select(l => $"{l.Lane} ({l.ResolvedShare.Round(2):0.00}% resolved vs {l.AllocatedShare.Round(2):0.00}% allocated)"));
        }
        return new Block6Result(asOf, board, budget, newRed, total, lanes, answer, why);
    }
}
