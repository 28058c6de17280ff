using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Rules;

public class TupleDriftRuleTests
{
    [Fact]
    public void Given_a_locked_slot_on_the_week_tuple_and_a_draft_on_an_old_one_When_evaluated_Then_nothing()
    {
        using var repo = RosterFixture.Create(
            new SlotSpec("us_t14"),
            new SlotSpec("us_t3", Start: "2027-01-15T21:00:00Z", End: "2027-01-15T22:30:00Z", Status: "draft", Tuple: "00aa11"));
        Assert.Empty(RosterFixture.Evaluate(repo, new TupleDriftRule()));
    }

    [Fact]
    public void Given_a_promoted_week_tuple_and_a_slot_not_relocked_When_evaluated_Then_tuple_drift_at_publish_tuple_hash()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14"));
        repo.Replace("roster/handoff_weeks/w1_wk02.yaml", "active_publish_tuple_hash: a1b2c3", "active_publish_tuple_hash: ffee0011");
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new TupleDriftRule()), BlockReason.TupleDrift, RosterFixture.SlotsPath, "publish_tuple_hash: a1b2c3");
        Assert.Contains("carries publish_tuple_hash a1b2c3, but handoff week w1_wk02 has active_publish_tuple_hash ffee0011", f.Message, StringComparison.Ordinal);
    }
}
