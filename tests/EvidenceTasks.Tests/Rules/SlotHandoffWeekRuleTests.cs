using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Rules;

public class SlotHandoffWeekRuleTests
{
    [Fact]
    public void Given_slots_inside_weeks_of_their_window_When_evaluated_Then_nothing()
    {
        using var repo = RosterFixture.Create(
            new SlotSpec("us_t14"),
            new SlotSpec("us_dst", Start: "2027-03-14T21:00:00Z", End: "2027-03-14T22:30:00Z", Week: "w1_wk10"),
            // The last second of w1_wk12 still belongs to it.
            new SlotSpec("eu_late", Region: "eu", Start: "2027-03-28T23:59:59Z", End: "2027-03-29T01:29:59Z", Week: "w1_wk12"));
        Assert.Empty(RosterFixture.Evaluate(repo, new SlotHandoffWeekRule()));
    }

    [Fact]
    public void Given_a_missing_week_When_evaluated_Then_reference_broken_at_handoff_week_id()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14", Week: "w1_wk99"));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new SlotHandoffWeekRule()), BlockReason.ReferenceBroken, RosterFixture.SlotsPath, "handoff_week_id: w1_wk99");
        Assert.Contains("roster/handoff_weeks/w1_wk99.yaml", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_week_of_another_window_When_evaluated_Then_reference_broken_naming_both_windows()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14", Week: "w2_wk02"));
        repo.Write("roster/handoff_weeks/w2_wk02.yaml", RosterFixture.Week("w2_wk02", "2027-01-11", "a1b2c3").Replace("cert_window_id: w1", "cert_window_id: w2", StringComparison.Ordinal));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new SlotHandoffWeekRule()), BlockReason.ReferenceBroken, RosterFixture.SlotsPath, "handoff_week_id: w2_wk02");
        Assert.Contains("belongs to window w2, not to this file's window w1", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2027-01-10T23:59:59Z")]
    [InlineData("2027-01-18T00:00:00Z")]
    public void Given_a_slot_starting_outside_its_week_When_evaluated_Then_panel_roster_invalid_at_slot_starts_at_utc(string start)
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14", Start: start, End: "2027-01-20T00:00:00Z"));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new SlotHandoffWeekRule()), BlockReason.PanelRosterInvalid, RosterFixture.SlotsPath, "slot_starts_at_utc:");
        Assert.Contains("outside its handoff week w1_wk02", f.Message, StringComparison.Ordinal);
    }
}
