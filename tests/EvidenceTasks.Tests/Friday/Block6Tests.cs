using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Friday;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Friday;

public class Block6Tests
{
    private const string AsOf = "2027-01-15T00:00:00Z";

    /// <summary>A budget held in memory: the given lane percentages, the rest 0, reserved whatever makes 100.</summary>
    private static SprintBudget Budget(params (string Lane, decimal Pct)[] lanes)
    {
        var pct = new[] { "lessons_164_166", "lesson_163", "lesson_165", "lesson_167", "lesson_170", "lesson_171" }
            .ToDictionary(l => l, l => lanes.FirstOrDefault(x => x.Lane == l).Pct);
        pct["reserved"] = 100m - pct.Values.Sum();
        return new SprintBudget("2027-Q1-S01", Timestamps.Parse("2027-01-01T00:00:00Z"), Timestamps.Parse("2027-01-01T00:00:00Z"),
            pct.ToImmutableSortedDictionary(StringComparer.Ordinal), new string('0', 64), "governance_owner", null, Origin.Synthetic("evidence/sprint-budgets/2027-Q1-S01.json"));
    }

    private static Block6Result Evaluate(TrendRepo repo, SprintBudget budget, string asOf = AsOf) =>
        Block6.Evaluate(repo.Load(), Allocators.Spec(), budget, Timestamps.Parse(asOf));

    /// <summary>Resolves one deficiency per dimension given, each at the given instant (all on one scored rehearsal).</summary>
    private static TrendRepo Resolutions(params (int Dimension, string Resolved)[] resolutions)
    {
        var repo = new TrendRepo();
        var log = repo.Log("w1", "2027-01-05T00:00:00Z");
        foreach (var (dim, resolved) in resolutions) repo.Ticket(log, dim, "tag_" + dim, status: "resolved", resolved: resolved);
        return repo;
    }

    [Fact]
    public void Given_closures_matching_the_allocation_within_25_points_When_evaluated_Then_y()
    {
        // Non-reserved allocation 60: lesson_167 40/60 = 66.67 %, lesson_170 20/60 = 33.33 %. Closures: 2 in dim 5, 1 in dim 6.
        using var repo = Resolutions((5, "2027-01-10T00:00:00Z"), (5, "2027-01-14T00:00:00Z"), (6, "2027-01-15T00:00:00Z"));
        var r = Evaluate(repo, Budget(("lesson_167", 40m), ("lesson_170", 20m)));
        Assert.True(r.Answer, r.Explanation);
        Assert.Equal("y", r.AnswerText);
        Assert.Equal(3, r.ResolvedCount);
        var lane = Assert.Single(r.Lanes, l => l.Lane == "lesson_167");
        Assert.Equal((2, 66.67m, 66.67m, 0m), (lane.Resolved, lane.ResolvedShare.Round(2), lane.AllocatedShare.Round(2), lane.Difference.Round(2)));
    }

    [Fact]
    public void Given_closures_off_the_allocation_by_more_than_25_points_When_evaluated_Then_n_naming_the_lanes()
    {
        // Everything closed in lesson_170 (100 %) while it holds 33.33 % of the allocation; lesson_167 0 % vs 66.67 %.
        using var repo = Resolutions((6, "2027-01-10T00:00:00Z"), (6, "2027-01-11T00:00:00Z"));
        var r = Evaluate(repo, Budget(("lesson_167", 40m), ("lesson_170", 20m)));
        Assert.False(r.Answer);
        Assert.Equal("n", r.AnswerText);
        Assert.Equal(["lesson_167", "lesson_170"], r.Lanes.Where(l => !l.Within).Select(l => l.Lane));
        Assert.Contains("lesson_170 (100.00% resolved vs 33.33% allocated)", r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_difference_of_exactly_25_points_When_evaluated_Then_within()
    {
        // lesson_167 holds 100 % of the non-reserved allocation; 3 of 4 closures there = 75 %: exactly 25 points.
        using var repo = Resolutions((5, "2027-01-10T00:00:00Z"), (5, "2027-01-10T00:00:00Z"), (5, "2027-01-10T00:00:00Z"), (1, "2027-01-10T00:00:00Z"));
        var r = Evaluate(repo, Budget(("lesson_167", 40m)));
        Assert.True(r.Answer, r.Explanation);
    }

    [Fact]
    public void Given_a_week_without_resolutions_When_evaluated_Then_y_only_when_the_non_reserved_allocation_is_empty()
    {
        using var repo = Resolutions((5, "2027-01-08T00:00:00Z")); // exactly as_of − 7 days: outside (as_of − 7 d, as_of]
        Assert.Equal(0, Evaluate(repo, Budget()).ResolvedCount);
        Assert.True(Evaluate(repo, Budget()).Answer);
        var r = Evaluate(repo, Budget(("lesson_167", 40m)));
        Assert.False(r.Answer);
        Assert.Contains("no deficiency was resolved this week", r.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_resolutions_at_the_week_edges_and_after_as_of_When_counted_Then_only_those_in_the_half_open_week()
    {
        using var repo = Resolutions((5, "2027-01-08T00:00:00Z"), (5, "2027-01-08T00:00:01Z"), (5, "2027-01-15T00:00:00Z"), (5, "2027-01-15T00:00:01Z"));
        Assert.Equal(2, Evaluate(repo, Budget(("lesson_167", 40m))).ResolvedCount);
    }

    [Fact]
    public void Given_a_row_turning_structural_red_this_week_When_evaluated_Then_counted_as_new_and_top_ten_is_the_board_head()
    {
        using var repo = new TrendRepo();
        // Six windows with two cert-blocking events; the sixth window's event lands inside this week.
        repo.Recur(5, "replay_diff_epsilon_drift", TrendRepo.Windows(6, "2027-01-12T00:00:00Z"), certBlocking: 2);
        // Already structural-red a week ago: not new.
        repo.Recur(3, "parser_pin_stale", TrendRepo.Windows(6, "2027-01-02T00:00:00Z"), certBlocking: 2);
        for (var i = 0; i < 10; i++) repo.Ticket(repo.Log("w1", "2027-01-02T00:00:00Z"), 7, $"tag_{i}");
        var r = Evaluate(repo, Budget(("lesson_167", 40m)));
        Assert.Equal(1, r.NewStructuralRed);
        Assert.Equal(12, r.Board.Rows.Length);
        Assert.Equal(r.Board.Rows.Take(10), r.TopTen);
    }

    [Fact]
    public void Given_budgets_When_choosing_the_current_and_previous_Then_latest_as_of_at_or_before_and_strictly_before()
    {
        var s1 = Budget() with { SprintId = "S1", AsOf = Timestamps.Parse("2027-01-01T00:00:00Z") };
        var s2 = Budget() with { SprintId = "S2", AsOf = Timestamps.Parse("2027-01-15T00:00:00Z") };
        var evidence = new EvidenceSet { SprintBudgets = [s2, s1] };
        Assert.Equal("S2", Block6.CurrentBudget(evidence, Timestamps.Parse("2027-01-15T00:00:00Z"))?.SprintId);
        Assert.Equal("S1", Block6.CurrentBudget(evidence, Timestamps.Parse("2027-01-14T23:59:59Z"))?.SprintId);
        Assert.Null(Block6.CurrentBudget(evidence, Timestamps.Parse("2026-12-31T00:00:00Z")));
        Assert.Equal("S1", Block6.PreviousBudget(evidence, s2.AsOf)?.SprintId);
        Assert.Null(Block6.PreviousBudget(evidence, s1.AsOf));
    }
}
