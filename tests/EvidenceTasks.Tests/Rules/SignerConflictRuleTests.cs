using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Rules;

public class SignerConflictRuleTests
{
    private static readonly BindingSpec[] OtherPanel =
    [
        new("engineering_lead", "eng.dan", "dan@studio.example"),
        new("governance_owner", "eu.eva", "eva@studio.example"),
        new("partner_liaison", "partner.tanaka", "tanaka@partner.example"),
        new("scribe", "eu.jonas", "jonas@studio.example"),
    ];

    [Fact]
    public void Given_back_to_back_slots_a_cancelled_overlap_and_an_overlap_with_other_signers_When_evaluated_Then_nothing()
    {
        using var repo = RosterFixture.Create(
            new SlotSpec("us_t14", Start: "2027-01-14T21:00:00Z", End: "2027-01-14T22:30:00Z"),
            new SlotSpec("us_t14b", Start: "2027-01-14T22:30:00Z", End: "2027-01-14T23:59:00Z"),
            new SlotSpec("us_t14c", Start: "2027-01-14T22:00:00Z", End: "2027-01-14T23:00:00Z", Status: "cancelled"),
            new SlotSpec("eu_t14", Region: "eu", Start: "2027-01-14T22:00:00Z", End: "2027-01-14T23:30:00Z", Bindings: OtherPanel));
        Assert.Empty(RosterFixture.Evaluate(repo, new SignerConflictRule()));
    }

    [Fact]
    public void Given_a_signer_in_two_overlapping_slots_When_evaluated_Then_one_panel_roster_invalid_at_the_later_slot_naming_both_with_locations()
    {
        BindingSpec[] withCarol = [new("engineering_lead", "eng.carol", "carol+eu@studio.example"), .. OtherPanel[1..]];
        using var repo = RosterFixture.Create(
            new SlotSpec("us_t14", Start: "2027-01-14T21:00:00Z", End: "2027-01-14T22:30:00Z"),
            new SlotSpec("eu_t14", Region: "eu", Start: "2027-01-14T22:00:00Z", End: "2027-01-14T23:30:00Z", Status: "draft", Bindings: withCarol));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new SignerConflictRule()), BlockReason.PanelRosterInvalid, RosterFixture.SlotsPath, "carol+eu@");
        var earlierLine = RosterFixture.LineOf(repo, RosterFixture.SlotsPath, "signer_id: eng.carol, signer_email: carol@studio.example");
        Assert.Contains("signer eng.carol is bound to slot eu_t14 (engineering_lead, 2027-01-14T22:00:00Z to 2027-01-14T23:30:00Z)", f.Message, StringComparison.Ordinal);
        Assert.Contains($"overlapping slot us_t14 (engineering_lead, 2027-01-14T21:00:00Z to 2027-01-14T22:30:00Z) at {RosterFixture.SlotsPath}:{earlierLine}:", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_overlapping_slots_in_two_windows_When_evaluated_Then_the_conflict_is_found_across_files()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14"));
        repo.Write("roster/slots/w2.yaml", "cert_window_id: w2\nslots:\n" + new SlotSpec("us_w2", Start: "2027-01-14T22:00:00Z", End: "2027-01-14T23:30:00Z", Bindings:
            [new("engineering_lead", "eng.dan", "dan@studio.example"), new("governance_owner", "ceo.bob", "bob@studio.example"), new("partner_liaison", "partner.tanaka", "tanaka@partner.example"), new("scribe", "eu.jonas", "jonas@studio.example")]).Yaml);
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new SignerConflictRule()), BlockReason.PanelRosterInvalid, "roster/slots/w2.yaml", "signer_id: ceo.bob");
        Assert.Contains("signer ceo.bob is bound to slot us_w2", f.Message, StringComparison.Ordinal);
    }
}
