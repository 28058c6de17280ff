using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Rules;

public class CarveOutReferenceRuleTests
{
    private static TrendRepo CarvedOut(string carveOutId)
    {
        var repo = new TrendRepo();
        repo.Ticket(repo.Log("w1", "2027-01-05T00:00:00Z"), 3, "parser_pin_stale", status: "carved_out", carveOut: carveOutId);
        return repo;
    }

    private static IReadOnlyList<Finding> Run(TrendRepo repo) => RuleRunner.Run(new CarveOutReferenceRule(), repo.Root, "2027-01-15T00:00:00Z");

    [Fact]
    public void Given_a_carved_out_ticket_naming_a_matching_carve_out_When_gated_Then_nothing()
    {
        using var repo = CarvedOut("co-1").CarveOut("co-1", 3, "parser_pin_stale", "2027-01-01T00:00:00Z", "2027-06-30T00:00:00Z");
        Assert.Empty(Run(repo));
    }

    [Fact]
    public void Given_a_carved_out_ticket_naming_a_missing_carve_out_When_gated_Then_reference_broken_at_carve_out_id()
    {
        using var repo = CarvedOut("co-404");
        var f = RuleRunner.Single(Run(repo), BlockReason.ReferenceBroken, "evidence/deficiencies/def-0001.yaml", 9);
        Assert.Contains("evidence/carve-outs/co-404.yaml does not exist", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_carved_out_ticket_naming_a_carve_out_for_another_row_When_gated_Then_reference_broken_at_carve_out_id()
    {
        using var repo = CarvedOut("co-1").CarveOut("co-1", 5, "replay_diff_epsilon_drift", "2027-01-01T00:00:00Z", "2027-06-30T00:00:00Z");
        var f = RuleRunner.Single(Run(repo), BlockReason.ReferenceBroken, "evidence/deficiencies/def-0001.yaml", 9);
        Assert.Contains("documents dimension 5, replay_diff_epsilon_drift", f.Message, StringComparison.Ordinal);
    }
}

public class CarveOutExpiryRuleTests
{
    [Theory]
    [InlineData("2027-01-25T00:00:00Z", true)]   // 10 days after as_of
    [InlineData("2027-01-29T00:00:00Z", true)]   // exactly 14 days
    [InlineData("2027-01-29T00:00:01Z", false)]  // more than 14 days
    [InlineData("2027-01-15T00:00:00Z", false)]  // lapses at as_of: no longer in force
    public void Given_a_carve_out_in_force_When_it_expires_within_14_days_Then_a_warning_at_expires_dt_utc(string expires, bool warned)
    {
        using var repo = new TrendRepo();
        repo.CarveOut("co-1", 3, "parser_pin_stale", "2026-10-01T00:00:00Z", expires);
        var findings = RuleRunner.Run(new CarveOutExpiryRule(), repo.Root, "2027-01-15T00:00:00Z");
        if (!warned)
        {
            Assert.Empty(findings);
            return;
        }
        var f = RuleRunner.Single(findings, BlockReason.CarveOutExpiring, "evidence/carve-outs/co-1.yaml", 6, Severity.Warning);
        Assert.False(f.Blocks);
    }

    [Fact]
    public void Given_a_carve_out_not_yet_approved_When_gated_Then_no_warning()
    {
        using var repo = new TrendRepo();
        repo.CarveOut("co-1", 3, "parser_pin_stale", "2027-01-16T00:00:00Z", "2027-01-20T00:00:00Z");
        Assert.Empty(RuleRunner.Run(new CarveOutExpiryRule(), repo.Root, "2027-01-15T00:00:00Z"));
    }
}
