using EvidenceTasks.Cli;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;
using static EvidenceTasks.Tests.Support.BudgetScenario;

namespace EvidenceTasks.Tests.Rules;

public class VarianceNoteRuleTests
{
    private const string NextAsOf = "2027-01-29T00:00:00Z";
    private const string NextSprint = "2027-Q1-S02";
    private const string NextPath = "evidence/sprint-budgets/2027-Q1-S02.json";

    /// <summary>Sprint S01's allocation favours lesson_167; the week before S02 closes only dimension-6 (lesson_170) tickets.</summary>
    private static TrendRepo DivergingWeek()
    {
        var repo = Create();
        foreach (var id in new[] { "def-0005", "def-0006" })
            repo.Repo.Replace($"evidence/deficiencies/{id}.yaml", "status: open", "status: resolved\nresolved_dt_utc: 2027-01-25T00:00:00Z");
        return repo;
    }

    private static IReadOnlyList<Finding> Run(TrendRepo repo) => RuleRunner.Run(new VarianceNoteRule(), repo.Root, NextAsOf);

    [Fact]
    public void Given_the_previous_block_6_answered_n_When_the_next_budget_has_a_variance_note_Then_nothing()
    {
        using var repo = DivergingWeek();
        var run = Allocate(repo, NextSprint, NextAsOf, note: "Partner escalation on FAQ rows pulled the week to Lesson 170.");
        Assert.Contains("Block 6 at 2027-01-29T00:00:00Z answered n", run.Out, StringComparison.Ordinal);
        Assert.Empty(Run(repo));
    }

    [Fact]
    public void Given_the_previous_block_6_answered_n_When_the_next_budget_lacks_a_variance_note_Then_variance_note_missing_at_approved_by()
    {
        using var repo = DivergingWeek();
        Allocate(repo, NextSprint, NextAsOf, note: "to be removed");
        repo.Repo.Replace(NextPath, "\"variance_note\": \"to be removed\",\n  ", string.Empty);
        var f = RuleRunner.Single(Run(repo), BlockReason.VarianceNoteMissing, NextPath, 13);
        Assert.Contains($"previous sprint {Sprint}'s Block 6 at {NextAsOf} answered n", f.Message, StringComparison.Ordinal);
        Assert.Contains("lesson_170 (100.00% resolved vs 33.34% allocated)", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_previous_block_6_answered_n_When_allocating_without_a_note_Then_refused_and_nothing_written()
    {
        using var repo = DivergingWeek();
        var run = CliRunner.Run(repo.Root, "allocate", "--sprint", NextSprint, "--approved-by", "governance_owner", "--as-of", NextAsOf);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.StartsWith($"{NextPath}:1:1: error variance_note_missing: ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Repo.PathOf(NextPath)));
    }

    [Fact]
    public void Given_the_previous_block_6_answered_y_When_the_next_budget_has_no_note_Then_nothing()
    {
        using var repo = Create();
        // Closures this week: dimension 5 (lesson_167, 50 % of the non-reserved allocation) and dimension 6 (33.34 %).
        repo.Repo.Replace("evidence/deficiencies/def-0001.yaml", "status: open", "status: resolved\nresolved_dt_utc: 2027-01-25T00:00:00Z")
            .Replace("evidence/deficiencies/def-0005.yaml", "status: open", "status: resolved\nresolved_dt_utc: 2027-01-25T00:00:00Z");
        Assert.Contains("answered y", Allocate(repo, NextSprint, NextAsOf).Out, StringComparison.Ordinal);
        Assert.Empty(Run(repo));
    }
}
