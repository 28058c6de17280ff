using CsCheck;
using EvidenceTasks.Core.Allocation;
using EvidenceTasks.Core.Trends;
using EvidenceTasks.Tests.Support;
using NodaTime;

namespace EvidenceTasks.Tests.Allocation;

public class AllocatorTests
{
    private static Dictionary<string, decimal> Weights(params (string Lane, decimal Weight)[] weights) =>
        weights.ToDictionary(w => w.Lane, w => w.Weight);

    private static void AssertPercentages(HardeningAllocation a, params (string Lane, decimal Pct)[] expected)
    {
        foreach (var (lane, pct) in expected) Assert.True(a.Percentages[lane] == pct, $"{lane}: expected {pct}, got {a.Percentages[lane]}");
        Assert.Equal(100.00m, a.Percentages.Values.Sum());
    }

    [Fact]
    public void Given_the_spec_worked_example_18_12_7_4_5_3_5_When_allocated_Then_32_21_33_12_45_8_6_22_and_reserved_20()
    {
        // 80·w/45: 32, 21.333…, 12.444…, 8, 6.222…; floors sum to 99.99 and the one hundredth goes to the largest
        // remainder, lesson_165's 0.444… (the seed's own table does not add up).
        var a = Allocator.Allocate(Allocators.Spec(), Weights(("lesson_167", 18m), ("lesson_170", 12m), ("lesson_165", 7m), ("lesson_171", 4.5m), ("lessons_164_166", 3.5m)));
        AssertPercentages(a, ("lesson_167", 32.00m), ("lesson_170", 21.33m), ("lesson_165", 12.45m), ("lesson_171", 8.00m), ("lessons_164_166", 6.22m), ("lesson_163", 0.00m), ("reserved", 20.00m));
        Assert.DoesNotContain(a.Lanes, l => l.Capped);
    }

    [Fact]
    public void Given_a_single_weighted_lane_When_allocated_Then_40_and_reserved_60() =>
        AssertPercentages(Allocator.Allocate(Allocators.Spec(), Weights(("lesson_170", 0.5m))), ("lesson_170", 40.00m), ("reserved", 60.00m), ("lesson_167", 0.00m));

    [Fact]
    public void Given_no_weight_When_allocated_Then_reserved_100() =>
        AssertPercentages(Allocator.Allocate(Allocators.Spec(), Weights()), ("reserved", 100.00m), ("lesson_167", 0.00m));

    [Fact]
    public void Given_one_lane_over_the_cap_When_allocated_Then_its_excess_flows_to_the_others_by_weight()
    {
        // 80·10/12 = 66.67 > 40: capped; the remaining 40 splits 1:1.
        var a = Allocator.Allocate(Allocators.Spec(), Weights(("lesson_167", 10m), ("lesson_170", 1m), ("lesson_171", 1m)));
        AssertPercentages(a, ("lesson_167", 40.00m), ("lesson_170", 20.00m), ("lesson_171", 20.00m), ("reserved", 20.00m));
        Assert.True(Assert.Single(a.Lanes, l => l.Lane == "lesson_167").Capped);
    }

    [Fact]
    public void Given_a_low_cap_When_redistribution_pushes_others_over_it_Then_capped_repeatedly_and_the_rest_goes_to_reserved()
    {
        // Cap 25: 50 / 25 / 5 → cap A; 55 over 5:1 → 45.83 / 9.17 → cap B; 30 → C over 25 → cap; nothing can take the last 5.
        var a = Allocator.Allocate(Allocators.Spec(cap: 25m), Weights(("lesson_167", 10m), ("lesson_170", 5m), ("lesson_171", 1m)));
        AssertPercentages(a, ("lesson_167", 25.00m), ("lesson_170", 25.00m), ("lesson_171", 25.00m), ("reserved", 25.00m));
        Assert.All(a.Lanes.Where(l => l.Weight > 0), l => Assert.True(l.Capped));
    }

    [Fact]
    public void Given_equal_remainders_When_rounded_Then_the_ordinally_first_lane_names_get_the_hundredths()
    {
        // 80/3 = 26.666… each: floors give 79.98, so two hundredths go to lesson_163 and lesson_165, not lesson_167.
        var a = Allocator.Allocate(Allocators.Spec(), Weights(("lesson_167", 1m), ("lesson_165", 1m), ("lesson_163", 1m)));
        AssertPercentages(a, ("lesson_163", 26.67m), ("lesson_165", 26.67m), ("lesson_167", 26.66m), ("reserved", 20.00m));
    }

    [Fact]
    public void Given_board_rows_When_weighted_Then_each_lane_sums_the_class_weights_of_its_dimensions()
    {
        static TrendBoardRow Row(int dim, string cls) => new(dim, "t" + dim, 1, 1, 0, 0, null, Instant.FromUtc(2026, 1, 1, 0, 0), cls);
        var weights = Allocator.LaneWeights(Allocators.Spec(),
            [Row(1, "structural-red"), Row(4, "hot"), Row(4, "improving"), Row(5, "recurring-minor"), Row(7, "stable")]);
        Assert.Equal(8.5m, weights["lessons_164_166"]); // dims 1 and 4: 5 + 3 + 0.5
        Assert.Equal(1m, weights["lesson_167"]);
        Assert.Equal(0m, weights["lesson_171"]);
        Assert.Equal(0m, weights["lesson_163"]);
    }

    private static readonly string[] Classes = ["structural-red", "hot", "recurring-minor", "improving", "stable"];

    [Fact]
    public void Given_random_boards_When_allocated_Then_exactly_100_no_lane_above_40_reserved_at_least_20_all_hundredths()
    {
        var row = Gen.Select(Gen.Int[1, 7], Gen.Int[0, Classes.Length - 1], (dim, cls) =>
            new TrendBoardRow(dim, "tag", 1, 1, 0, 0, null, Instant.FromUtc(2026, 1, 1, 0, 0), Classes[cls]));
        row.Array[0, 60].Sample(rows =>
        {
            var a = Allocator.Allocate(Allocators.Spec(), rows);
            Assert.Equal(100.00m, a.Percentages.Values.Sum());
            Assert.All(a.Lanes, l => Assert.InRange(l.Pct, 0m, 40.00m));
            Assert.True(a.ReservedPct >= 20.00m, $"reserved {a.ReservedPct}");
            Assert.All(a.Percentages.Values, p => Assert.Equal(decimal.Truncate(p * 100), p * 100));
            if (a.TotalWeight == 0) Assert.Equal(100.00m, a.ReservedPct);
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void Given_random_lane_weights_and_caps_When_allocated_Then_the_invariants_hold_for_any_cap_and_reserve()
    {
        var weight = Gen.Int[0, 400].Select(w => w / 4m);
        Gen.Select(weight.Array[6], Gen.Int[5, 100], Gen.Int[0, 60]).Sample((ws, cap, reserve) =>
        {
            var config = Allocators.Spec(cap, reserve);
            var a = Allocator.Allocate(config, config.Lanes.Select((l, i) => (l.Lane, ws[i])).ToDictionary(x => x.Lane, x => x.Item2));
            Assert.Equal(100.00m, a.Percentages.Values.Sum());
            Assert.All(a.Lanes, l => Assert.True(l.Pct <= cap, $"{l.Lane} {l.Pct} > {cap}"));
            Assert.True(a.ReservedPct >= reserve, $"reserved {a.ReservedPct} < {reserve}");
        }, iter: 2000, threads: 1);
    }
}
