using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Rules;

public class SlotTimesOrderedRuleTests
{
    [Fact]
    public void Given_a_slot_ending_after_it_starts_When_evaluated_Then_nothing()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14"));
        Assert.Empty(RosterFixture.Evaluate(repo, new SlotTimesOrderedRule()));
    }

    [Theory]
    [InlineData("2027-01-14T21:00:00Z")]
    [InlineData("2027-01-14T20:00:00Z")]
    public void Given_a_slot_not_ending_after_its_start_When_evaluated_Then_schema_invalid_at_slot_ends_at_utc(string end)
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14", End: end));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new SlotTimesOrderedRule()), BlockReason.SchemaInvalid, RosterFixture.SlotsPath, "slot_ends_at_utc:");
        Assert.Contains("us_t14", f.Message, StringComparison.Ordinal);
    }
}
