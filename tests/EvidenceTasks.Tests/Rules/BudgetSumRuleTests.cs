using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;
using static EvidenceTasks.Tests.Support.BudgetScenario;

namespace EvidenceTasks.Tests.Rules;

public class BudgetSumRuleTests
{
    private static IReadOnlyList<Finding> Run(TrendRepo repo) => RuleRunner.Run(new BudgetSumRule(), repo.Root, AsOf);

    [Fact]
    public void Given_a_budget_cut_by_allocate_When_gated_Then_nothing()
    {
        using var repo = Create();
        // W = 3 + 1 + 0.5 = 4.5: lesson_167 53.33 → capped at 40, the other 40 split 1 : 0.5.
        var text = repo.Repo.Read(BudgetPath);
        Assert.Contains("\"lesson_167_pct\": 40.00,", text, StringComparison.Ordinal);
        Assert.Contains("\"lesson_170_pct\": 26.67,", text, StringComparison.Ordinal);
        Assert.Contains("\"lesson_171_pct\": 13.33,", text, StringComparison.Ordinal);
        Assert.Contains("\"reserved_pct\": 20.00,", text, StringComparison.Ordinal);
        Assert.Empty(Run(repo));
    }

    [Fact]
    public void Given_percentages_not_summing_to_100_When_gated_Then_budget_sum_invalid_at_reserved_pct()
    {
        using var repo = Create();
        repo.Repo.Replace(BudgetPath, "\"reserved_pct\": 20.00", "\"reserved_pct\": 20.01");
        var f = RuleRunner.Single(Run(repo), BlockReason.BudgetSumInvalid, BudgetPath, 11);
        Assert.Contains("sum to 100.01, not exactly 100.00", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_lane_over_the_cap_and_reserve_under_the_minimum_When_gated_Then_one_finding_each_at_its_column()
    {
        using var repo = Create();
        repo.Repo.Replace(BudgetPath, "\"lesson_167_pct\": 40.00", "\"lesson_167_pct\": 45.00")
            .Replace(BudgetPath, "\"reserved_pct\": 20.00", "\"reserved_pct\": 15.00");
        var findings = Run(repo);
        Assert.Equal([(BlockReason.BudgetSumInvalid, 5), (BlockReason.BudgetSumInvalid, 11)], findings.Select(f => (f.Reason, f.Location.Line)));
        Assert.Contains("above the lane cap of 40%", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("below the reserve of 20%", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_valid_looking_percentages_that_are_not_the_allocators_When_gated_Then_each_differing_column_is_named()
    {
        using var repo = Create();
        repo.Repo.Replace(BudgetPath, "\"lesson_170_pct\": 26.67", "\"lesson_170_pct\": 13.33")
            .Replace(BudgetPath, "\"lesson_171_pct\": 13.33", "\"lesson_171_pct\": 26.67");
        var findings = Run(repo);
        Assert.Equal([6, 8], findings.Select(f => f.Location.Line));
        Assert.All(findings, f => Assert.Equal(BlockReason.BudgetSumInvalid, f.Reason));
        Assert.Contains("lesson_170_pct is 13.33 but the allocator gives 26.67", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_value_with_three_decimals_When_gated_Then_refused_as_not_hundredths()
    {
        using var repo = Create();
        repo.Repo.Replace(BudgetPath, "\"lesson_170_pct\": 26.67", "\"lesson_170_pct\": 26.665")
            .Replace(BudgetPath, "\"lesson_171_pct\": 13.33", "\"lesson_171_pct\": 13.335");
        var findings = Run(repo);
        Assert.Equal([6, 8], findings.Select(f => f.Location.Line));
        Assert.Contains("whole hundredths", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_allocator_configuration_changed_after_the_cut_When_gated_Then_old_budgets_keep_only_the_invariants()
    {
        using var repo = Create();
        repo.Repo.Replace("governance/allocator.yaml", "hot: 3", "hot: 4");
        Assert.Empty(Run(repo));
    }
}
