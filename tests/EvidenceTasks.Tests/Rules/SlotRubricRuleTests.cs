using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Rules;

public class SlotRubricRuleTests
{
    [Fact]
    public void Given_a_slot_pinning_a_registered_rubric_When_evaluated_Then_nothing()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14"));
        Assert.Empty(RosterFixture.Evaluate(repo, new SlotRubricRule()));
    }

    [Fact]
    public void Given_a_slot_pinning_an_unknown_rubric_When_evaluated_Then_reference_broken_at_rubric_version()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14", Rubric: "rubric_v10"));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new SlotRubricRule()), BlockReason.ReferenceBroken, RosterFixture.SlotsPath, "rubric_version: rubric_v10");
        Assert.Contains("governance/rubric/rubric_v10.yaml does not exist", f.Message, StringComparison.Ordinal);
    }
}
