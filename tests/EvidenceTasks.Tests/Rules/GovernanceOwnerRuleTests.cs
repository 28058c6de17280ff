using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Rules;

public class GovernanceOwnerRuleTests
{
    private static readonly BindingSpec[] UsPanelWithEva =
    [
        new("engineering_lead", "eng.carol", "carol@studio.example"),
        new("governance_owner", "eu.eva", "eva@studio.example"),
        new("partner_liaison", "partner.liaison", "liaison@partner.example"),
        new("scribe", "eng.alice", "alice@studio.example"),
    ];

    [Fact]
    public void Given_regional_owners_and_a_promoted_backup_When_evaluated_Then_nothing()
    {
        using var repo = RosterFixture.Create(
            new SlotSpec("us_t14"),
            new SlotSpec("asia_t3", Region: "asia", Start: "2027-01-16T09:00:00Z", End: "2027-01-16T10:30:00Z"),
            new SlotSpec("us_t3", Start: "2027-01-15T21:00:00Z", End: "2027-01-15T22:30:00Z", BackupPromoteEvent: "lesson174-2027-01-15-bob-out", Bindings: UsPanelWithEva));
        Assert.Empty(RosterFixture.Evaluate(repo, new GovernanceOwnerRule()));
    }

    [Fact]
    public void Given_a_us_slot_owned_by_the_eu_owner_without_promotion_When_evaluated_Then_panel_roster_invalid_at_signer_email()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14", Bindings: UsPanelWithEva));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new GovernanceOwnerRule()), BlockReason.PanelRosterInvalid, RosterFixture.SlotsPath, "signer_email: eva@studio.example");
        Assert.Contains("governance_owner eu.eva <eva@studio.example> is not the us owner <bob@studio.example>", f.Message, StringComparison.Ordinal);
    }
}
