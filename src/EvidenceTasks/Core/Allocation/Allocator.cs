using System.Collections.Immutable;
using System.Numerics;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Trends;

namespace EvidenceTasks.Core.Allocation;

/// <summary>One lane's line of an allocation: its weight, exact share before rounding, whether the cap bit, and the rounded percent.</summary>
public sealed record LaneAllocation(string Lane, string Title, decimal Weight, Fraction PreCapShare, Fraction ExactShare, bool Capped, decimal Pct);

/// <summary>The allocator's output: one line per lane in configuration order, and the reserved share.</summary>
public sealed record HardeningAllocation(ImmutableArray<LaneAllocation> Lanes, Fraction ExactReserved, decimal ReservedPct)
{
    public const string Reserved = "reserved";

    public decimal TotalWeight => Lanes.Sum(l => l.Weight);

    /// <summary>Every rounded percentage keyed by lane name, <c>reserved</c> included (the budget file's columns without <c>_pct</c>).</summary>
    public ImmutableSortedDictionary<string, decimal> Percentages =>
        Lanes.Select(l => KeyValuePair.Create(l.Lane, l.Pct))
            .Append(KeyValuePair.Create(Reserved, ReservedPct))
            .ToImmutableSortedDictionary(StringComparer.Ordinal);
}

/// <summary>
/// The sprint hardening budget allocator (Lesson 173 as fixed by SPEC.md "Allocator"). Exact arithmetic throughout:
/// lane share = (100 − reserve)·w/W; a lane above the cap is capped and the excess flows to the uncapped lanes in
/// proportion to weight, repeatedly; what no lane can take goes to reserved; W = 0 gives reserved 100; shares are
/// rounded to hundredths by largest remainder (ties to the ordinally first name) so they sum to exactly 100.00.
/// </summary>
public static class Allocator
{
    /// <summary>Lane weight = Σ classification weight of the board rows whose dimension maps to the lane.</summary>
    public static ImmutableDictionary<string, decimal> LaneWeights(AllocatorConfig config, IEnumerable<TrendBoardRow> rows)
    {
        var rowList = rows.ToList();
        return config.Lanes.ToImmutableDictionary(
            l => l.Lane,
            l => rowList.Where(r => l.RubricDimensions.Contains(r.RubricDimension))
                .Sum(r => config.ClassificationWeights.GetValueOrDefault(r.Classification)),
            StringComparer.Ordinal);
    }

    public static HardeningAllocation Allocate(AllocatorConfig config, IEnumerable<TrendBoardRow> rows) =>
        Allocate(config, LaneWeights(config, rows));

    public static HardeningAllocation Allocate(AllocatorConfig config, IReadOnlyDictionary<string, decimal> laneWeights)
    {
        var hundred = Fraction.FromInt(100);
        // Cap and reserve act in hundredths (a cap of 33.335 acts as 33.33), so rounding can never cross them.
        var cap = new Fraction(Fraction.FromDecimal(config.LaneCapPct * 100).Floor(), 100);
        var reserveMin = new Fraction(-(-Fraction.FromDecimal(config.ReservedMinPct * 100)).Floor(), 100);
        var pool = hundred - reserveMin;

        var lanes = config.Lanes.Select(l => (l.Lane, Title: l.Title ?? l.Lane, Weight: Math.Max(0m, laneWeights.GetValueOrDefault(l.Lane)))).ToList();
        var weights = lanes.ToDictionary(l => l.Lane, l => Fraction.FromDecimal(l.Weight), StringComparer.Ordinal);
        var total = weights.Values.Aggregate(Fraction.Zero, (a, b) => a + b);

        var exact = lanes.ToDictionary(l => l.Lane, _ => Fraction.Zero, StringComparer.Ordinal);
        var preCap = lanes.ToDictionary(l => l.Lane, l => total.IsZero ? Fraction.Zero : pool * weights[l.Lane] / total, StringComparer.Ordinal);
        var capped = new HashSet<string>(StringComparer.Ordinal);
        if (!total.IsZero)
        {
            while (true)
            {
                var open = lanes.Where(l => !capped.Contains(l.Lane) && weights[l.Lane].Sign > 0).Select(l => l.Lane).ToList();
                var remaining = pool - cap * Fraction.FromInt(capped.Count);
                var openWeight = open.Aggregate(Fraction.Zero, (a, l) => a + weights[l]);
                if (openWeight.IsZero) break;
                var over = open.Where(l => remaining * weights[l] / openWeight > cap).ToList();
                if (over.Count == 0)
                {
                    foreach (var l in open) exact[l] = remaining * weights[l] / openWeight;
                    break;
                }
                // Every lane above the cap at this level stays above it after redistribution, so cap them together.
                capped.UnionWith(over);
            }
            foreach (var l in capped) exact[l] = cap;
        }
        var reserved = hundred - exact.Values.Aggregate(Fraction.Zero, (a, b) => a + b);

        var rounded = LargestRemainder(exact.Append(KeyValuePair.Create(HardeningAllocation.Reserved, reserved)));
        var lines = lanes.Select(l => new LaneAllocation(l.Lane, l.Title, l.Weight, preCap[l.Lane], exact[l.Lane], capped.Contains(l.Lane), rounded[l.Lane])).ToImmutableArray();
        return new HardeningAllocation(lines, reserved, rounded[HardeningAllocation.Reserved]);
    }

    /// <summary>
    /// Rounds exact shares summing to 100 to hundredths summing to exactly 100.00: floor each, then give one hundredth
    /// to each of the largest remainders (equal remainders: the ordinally first name).
    /// </summary>
    public static ImmutableDictionary<string, decimal> LargestRemainder(IEnumerable<KeyValuePair<string, Fraction>> shares)
    {
        var items = shares.Select(s =>
        {
            var scaled = s.Value * Fraction.FromInt(100);
            var floor = scaled.Floor();
            return (Name: s.Key, Floor: floor, Remainder: scaled - new Fraction(floor, 1));
        }).ToList();
        var deficit = (int)(10_000 - items.Aggregate(BigInteger.Zero, (a, i) => a + i.Floor));
        var bonus = items.OrderByDescending(i => i.Remainder).ThenBy(i => i.Name, StringComparer.Ordinal)
            .Take(Math.Max(0, deficit)).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return items.ToImmutableDictionary(
            i => i.Name,
            i => Hundredths((int)i.Floor + (bonus.Contains(i.Name) ? 1 : 0)),
            StringComparer.Ordinal);
    }

    /// <summary>A count of hundredths as a decimal that always prints two places (3200 → 32.00).</summary>
    public static decimal Hundredths(int units) => new(Math.Abs(units), 0, 0, units < 0, 2);
}
