using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Rules;

public class SlotQuorumRuleTests
{
    private static readonly BindingSpec Lead = new("engineering_lead", "eng.carol", "carol@studio.example", "eng.dan");
    private static readonly BindingSpec Owner = new("governance_owner", "ceo.bob", "bob@studio.example");
    private static readonly BindingSpec Liaison = new("partner_liaison", "partner.liaison", "liaison@partner.example");
    private static readonly BindingSpec Scribe = new("scribe", "eng.alice", "alice@studio.example");

    [Fact]
    public void Given_a_locked_slot_with_four_roles_and_a_draft_with_two_When_evaluated_Then_nothing()
    {
        using var repo = RosterFixture.Create(
            new SlotSpec("us_t14"),
            new SlotSpec("us_t3", Start: "2027-01-15T21:00:00Z", End: "2027-01-15T22:30:00Z", Status: "draft", Bindings: [Lead, Owner]));
        Assert.Empty(RosterFixture.Evaluate(repo, new SlotQuorumRule()));
    }

    [Fact]
    public void Given_a_locked_slot_with_three_roles_When_evaluated_Then_panel_roster_invalid_at_bindings_naming_the_missing_role()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14", Bindings: [Lead, Owner, Liaison]));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new SlotQuorumRule()), BlockReason.PanelRosterInvalid, RosterFixture.SlotsPath, "bindings:");
        Assert.Contains("locked slot us_t14 has 3 of 4 roles: missing scribe", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_role_bound_twice_When_evaluated_Then_panel_roster_invalid_at_the_second_binding()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t3", Status: "draft", Bindings: [Scribe, new BindingSpec("scribe", "eu.jonas", "jonas@studio.example")]));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new SlotQuorumRule()), BlockReason.PanelRosterInvalid, RosterFixture.SlotsPath, "signer_id: eu.jonas");
        Assert.Contains("role scribe is bound more than once", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_one_signer_in_two_roles_When_evaluated_Then_panel_roster_invalid_at_the_second_binding()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14", Bindings: [Lead, Owner, Liaison, new BindingSpec("scribe", "eng.carol", "carol+scribe@studio.example")]));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new SlotQuorumRule()), BlockReason.PanelRosterInvalid, RosterFixture.SlotsPath, "carol+scribe@");
        Assert.Contains("signer eng.carol holds two roles (engineering_lead and scribe)", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_backup_who_is_the_signer_When_evaluated_Then_panel_roster_invalid_at_that_binding()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14", Bindings: [Lead, Owner, Liaison, Scribe with { Backup = "eng.alice" }]));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new SlotQuorumRule()), BlockReason.PanelRosterInvalid, RosterFixture.SlotsPath, "backup_signer_id: eng.alice");
        Assert.Contains("scribe backup_signer_id is the signer eng.alice itself", f.Message, StringComparison.Ordinal);
    }
}
