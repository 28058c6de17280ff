using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Rules;

public class RecurrenceRedUnhardenedRuleTests
{
    private const string AsOf = "2027-04-01T00:00:00Z";
    private const string Tag = "replay_diff_epsilon_drift";

    /// <summary>
    /// Six windows with two cert-blocking events ending 2026-12-20 (structural-red at 2027-01-01 = as_of − 90 d), and,
    /// when <paramref name="stillRed"/>, a seventh window's event on 2027-03-20 that keeps the row red (not quiet) now.
    /// Returns the id of the row's latest ticket.
    /// </summary>
    private static (TrendRepo Repo, string Latest) Scenario(bool stillRed = true)
    {
        var repo = new TrendRepo();
        var ids = repo.Recur(5, Tag, TrendRepo.Windows(6, "2026-12-20T00:00:00Z"), certBlocking: 2);
        if (stillRed) ids.Add(repo.Ticket(repo.Log("w7", "2027-03-20T00:00:00Z"), 5, Tag));
        return (repo, ids[^1]);
    }

    private static IReadOnlyList<Finding> Run(TrendRepo repo) => RuleRunner.Run(new RecurrenceRedUnhardenedRule(), repo.Root, AsOf);

    [Fact]
    public void Given_a_row_structural_red_now_and_90_days_ago_without_carve_out_When_gated_Then_blocked_at_its_latest_ticket()
    {
        var (repo, latest) = Scenario();
        using var _ = repo;
        var f = RuleRunner.Single(Run(repo), BlockReason.RecurrenceRedUnhardened, $"evidence/deficiencies/{latest}.yaml", 5);
        Assert.Contains($"row (dimension 5, {Tag}) is structural-red at {AsOf} (7 windows, 2 cert-blocking) and was at 2027-01-01T00:00:00Z", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_carve_out_covering_the_row_at_as_of_When_gated_Then_nothing()
    {
        var (repo, _) = Scenario();
        using var __ = repo;
        repo.CarveOut("co-1", 5, Tag, "2027-02-01T00:00:00Z", "2027-06-30T00:00:00Z");
        Assert.Empty(Run(repo));
    }

    [Theory]
    [InlineData(6, "other_tag", "2027-02-01T00:00:00Z", "2027-06-30T00:00:00Z")] // another row
    [InlineData(5, Tag, "2026-10-01T00:00:00Z", "2027-03-31T23:59:59Z")]          // lapsed before as_of
    [InlineData(5, Tag, "2027-04-01T00:00:01Z", "2027-06-30T00:00:00Z")]          // approved after as_of
    public void Given_a_carve_out_that_does_not_cover_the_row_at_as_of_When_gated_Then_still_blocked(int dimension, string tag, string approved, string expires)
    {
        var (repo, latest) = Scenario();
        using var _ = repo;
        repo.CarveOut("co-1", dimension, tag, approved, expires);
        RuleRunner.Single(Run(repo), BlockReason.RecurrenceRedUnhardened, $"evidence/deficiencies/{latest}.yaml", 5);
    }

    [Fact]
    public void Given_a_row_red_90_days_ago_that_has_gone_quiet_When_gated_Then_it_is_improving_and_nothing_blocks()
    {
        var (repo, _) = Scenario(stillRed: false);
        using var __ = repo;
        Assert.Empty(Run(repo));
    }

    [Fact]
    public void Given_a_row_that_turned_structural_red_only_recently_When_gated_Then_nothing()
    {
        using var repo = new TrendRepo();
        repo.Recur(5, Tag, TrendRepo.Windows(6, "2027-03-20T00:00:00Z"), certBlocking: 2);
        Assert.Empty(Run(repo));
    }
}
