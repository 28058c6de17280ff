using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core.Rules;

public class PanelPresentRuleTests
{
    private const string Receipt = "evidence/attendance/att-1.json";

    [Fact]
    public void Given_lesson_182_aliases_for_the_four_bound_signers_When_checked_Then_nothing_blocks()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        Assert.Contains("\"leadership_voice\"", repo.Read(Receipt), StringComparison.Ordinal);
        Assert.Empty(RuleHarness.Run(repo, new PanelPresentRule()));
        using var bundled = TempEvidenceRepo.WithBundledEvidence();
        Assert.Empty(RuleHarness.Run(bundled, new PanelPresentRule()));
    }

    [Fact]
    public void Given_a_completed_panel_missing_a_role_When_checked_Then_roster_mismatch_at_panel_present()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, ",\n    {\"role\": \"engineering_voice\", \"signer_id\": \"eng.carol\"}", string.Empty);
        var f = RuleHarness.Single(RuleHarness.Run(repo, new PanelPresentRule()), BlockReason.AttendanceRosterMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, "\"panel_present\""));
        Assert.Contains("role engineering_lead (bound: eng.carol) is not in panel_present", f.Message, StringComparison.Ordinal);
        Assert.Contains("cancelled or no_show", f.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_signer_who_is_not_bound_When_checked_Then_roster_mismatch_at_that_entry()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"partner_voice\", \"signer_id\": \"partner.liaison\"", "\"partner_voice\", \"signer_id\": \"partner.someone\"");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new PanelPresentRule()), BlockReason.AttendanceRosterMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, "partner.someone"));
        Assert.Equal("partner_liaison: expected bound signer partner.liaison of slot us_t14, got partner.someone", f.Message);
    }

    [Fact]
    public void Given_a_backup_who_attended_When_checked_Then_the_fix_is_to_relock_the_roster_first()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"signer_id\": \"eng.carol\"", "\"signer_id\": \"eng.dan\"");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new PanelPresentRule()), BlockReason.AttendanceRosterMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, "eng.dan"));
        Assert.Contains("backup eng.dan attended instead of bound signer eng.carol", f.Message, StringComparison.Ordinal);
        Assert.StartsWith("Re-lock the roster first: bind eng.dan as engineering_lead on slot us_t14", f.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_one_person_in_two_roles_When_checked_Then_refused_at_the_second_entry()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"signer_id\": \"eng.carol\"", "\"signer_id\": \"eng.alice\"");
        var line = RuleHarness.LineOf(repo, Receipt, "\"engineering_voice\"");
        var findings = RuleHarness.Run(repo, new PanelPresentRule());
        Assert.All(findings, f => Assert.Equal((BlockReason.AttendanceRosterMismatch.Id, Receipt, line), (f.Reason.Id, f.Location.Path, f.Location.Line)));
        Assert.Contains(findings, f => f.Message == "eng.alice is listed as scribe and as engineering_voice: one person holds one role");
    }

    [Fact]
    public void Given_one_person_in_two_roles_of_a_no_show_receipt_When_checked_Then_still_refused()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"completed\"", "\"no_show\"")
            .Replace(Receipt, "\"signer_id\": \"eng.carol\"", "\"signer_id\": \"eng.alice\"");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new PanelPresentRule()), BlockReason.AttendanceRosterMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, "\"engineering_voice\""));
        Assert.Contains("one person holds one role", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_role_listed_twice_When_checked_Then_refused_at_the_second_role()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "{\"role\": \"partner_voice\"", "{\"role\": \"governance_owner\"");
        var findings = RuleHarness.Run(repo, new PanelPresentRule());
        var line = RuleHarness.LineOf(repo, Receipt, "\"role\": \"governance_owner\"");
        Assert.Contains(findings, f => f.Message == "role governance_owner is listed twice (ceo.bob and partner.liaison)" && f.Location.Line == line);
        Assert.Contains(findings, f => f.Message.StartsWith("role partner_liaison (bound: partner.liaison) is not in panel_present", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_scribe_who_is_not_the_bound_scribe_When_checked_Then_roster_mismatch_at_scribe_signer_id()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"scribe_signer_id\": \"eng.alice\"", "\"scribe_signer_id\": \"eng.carol\"");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new PanelPresentRule()), BlockReason.AttendanceRosterMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, "\"scribe_signer_id\""));
        Assert.Equal("scribe_signer_id 'eng.carol' is not the scribe bound to slot us_t14 ('eng.alice')", f.Message);
    }

    [Fact]
    public void Given_a_no_show_receipt_listing_whoever_came_When_checked_Then_nothing_blocks()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"completed\"", "\"no_show\"")
            .Replace(Receipt, ",\n    {\"role\": \"engineering_voice\", \"signer_id\": \"eng.carol\"}", string.Empty);
        Assert.Empty(RuleHarness.Run(repo, new PanelPresentRule()));
    }
}
