using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Rules;

public class SlotLocalZoneRuleTests
{
    [Fact]
    public void Given_each_region_in_its_business_zone_When_evaluated_Then_nothing()
    {
        using var repo = RosterFixture.Create(
            new SlotSpec("us_t14"),
            new SlotSpec("eu_t14", Region: "eu", Start: "2027-01-15T08:00:00Z", End: "2027-01-15T09:30:00Z"),
            new SlotSpec("asia_t3", Region: "asia", Start: "2027-01-16T09:00:00Z", End: "2027-01-16T10:30:00Z"));
        Assert.Empty(RosterFixture.Evaluate(repo, new SlotLocalZoneRule()));
    }

    [Fact]
    public void Given_an_eu_slot_in_another_zone_When_evaluated_Then_panel_roster_invalid_at_slot_local_tz()
    {
        using var repo = RosterFixture.Create(new SlotSpec("eu_t14", Region: "eu", Tz: "Europe/London", Start: "2027-01-15T08:00:00Z", End: "2027-01-15T09:30:00Z"));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new SlotLocalZoneRule()), BlockReason.PanelRosterInvalid, RosterFixture.SlotsPath, "slot_local_tz: Europe/London");
        Assert.Contains("not the eu business zone 'Europe/Berlin' of handoff week w1_wk02", f.Message, StringComparison.Ordinal);
    }
}
