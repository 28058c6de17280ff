using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core.Rules;

public class ReceiptSlotRuleTests
{
    private const string Receipt = "evidence/attendance/att-1.json";

    [Fact]
    public void Given_the_samples_and_the_bundled_evidence_When_checked_Then_every_receipt_names_its_locked_slot()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        Assert.Empty(RuleHarness.Run(repo, new ReceiptSlotRule()));
        using var bundled = TempEvidenceRepo.WithBundledEvidence();
        Assert.Empty(RuleHarness.Run(bundled, new ReceiptSlotRule()));
    }

    [Fact]
    public void Given_an_ics_uid_no_slot_has_When_checked_Then_roster_mismatch_at_ics_uid()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"us_t14@cert.example\"", "\"us_t14@other.example\"");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new ReceiptSlotRule()), BlockReason.AttendanceRosterMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, "\"ics_uid\""));
        Assert.Contains("no roster slot has ics_uid 'us_t14@other.example'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_draft_slot_When_checked_Then_roster_mismatch_naming_the_slot_status()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace("roster/slots/w1.yaml", "roster_status: locked", "roster_status: draft");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new ReceiptSlotRule()), BlockReason.AttendanceRosterMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, "\"ics_uid\""));
        Assert.Contains("slot us_t14 (roster/slots/w1.yaml:", f.Message, StringComparison.Ordinal);
        Assert.Contains("which is draft, not locked", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"cert_window_id\": \"w1\"", "\"cert_window_id\": \"w2\"", "\"cert_window_id\"", "is not the window of slot us_t14 ('w1')")]
    [InlineData("\"rehearsal_phase\": \"t_minus_14\"", "\"rehearsal_phase\": \"t_minus_3\"", "\"rehearsal_phase\"", "is not the phase of slot us_t14 ('t_minus_14')")]
    [InlineData("\"scheduled_start_utc\": \"2027-01-15T01:00:00Z\"", "\"scheduled_start_utc\": \"2027-01-15T01:00:01Z\"", "\"scheduled_start_utc\"", "is not slot us_t14's slot_starts_at_utc 2027-01-15T01:00:00Z")]
    public void Given_a_field_that_differs_from_the_slot_When_checked_Then_roster_mismatch_at_that_field(string oldText, string newText, string field, string expected)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, oldText, newText);
        var f = RuleHarness.Single(RuleHarness.Run(repo, new ReceiptSlotRule()), BlockReason.AttendanceRosterMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, field));
        Assert.Contains(expected, f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_two_receipts_for_one_ics_uid_When_checked_Then_the_second_is_refused()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write("evidence/attendance/att-2.json", repo.Read(Receipt).Replace("\"att-1\"", "\"att-2\"", StringComparison.Ordinal));
        var f = RuleHarness.Single(RuleHarness.Run(repo, new ReceiptSlotRule()), BlockReason.AttendanceRosterMismatch, "evidence/attendance/att-2.json",
            RuleHarness.LineOf(repo, "evidence/attendance/att-2.json", "\"ics_uid\""));
        Assert.Contains("already has receipt att-1", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_roster_file_that_cannot_be_read_When_checked_Then_its_receipts_get_no_second_finding()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace("roster/slots/w1.yaml", "roster_status: locked", "roster_status: locked\n    roster_status: locked");
        Assert.Empty(RuleHarness.Run(repo, new ReceiptSlotRule(), requireClean: false));
    }
}
