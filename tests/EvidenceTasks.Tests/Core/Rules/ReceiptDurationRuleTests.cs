using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core.Rules;

public class ReceiptDurationRuleTests
{
    private const string Receipt = "evidence/attendance/att-1.json";
    private const string End = "\"actual_end_utc\": \"2027-01-15T02:28:00Z\"";

    [Fact]
    public void Given_the_samples_and_the_bundled_evidence_When_checked_Then_every_completed_duration_fits()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        Assert.Empty(RuleHarness.Run(repo, new ReceiptDurationRule()));
        using var bundled = TempEvidenceRepo.WithBundledEvidence();
        Assert.Empty(RuleHarness.Run(bundled, new ReceiptDurationRule()));
    }

    // actual_start_utc is 01:03:00; the bounds are compared to the second, never rounded to whole minutes.
    [Theory]
    [InlineData("2027-01-15T02:18:00Z", true)]   // 75 min exactly
    [InlineData("2027-01-15T02:17:59Z", false)]  // 74 min 59 s
    [InlineData("2027-01-15T03:03:00Z", true)]   // 120 min exactly
    [InlineData("2027-01-15T03:03:01Z", false)]  // 120 min 1 s
    [InlineData("2027-01-15T01:03:00Z", false)]  // 0 min
    [InlineData("2027-01-15T00:03:00Z", false)]  // ends before it starts
    public void Given_a_completed_duration_When_checked_Then_75_to_120_minutes_exactly(string end, bool fits)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, End, $"\"actual_end_utc\": \"{end}\"");
        var findings = RuleHarness.Run(repo, new ReceiptDurationRule());
        if (fits)
        {
            Assert.Empty(findings);
            return;
        }
        var f = RuleHarness.Single(findings, BlockReason.AttendanceRosterMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, "\"actual_end_utc\""));
        Assert.Contains("is outside 75-120 minutes", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_74_minutes_59_seconds_When_checked_Then_the_message_says_so()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, End, "\"actual_end_utc\": \"2027-01-15T02:17:59Z\"");
        Assert.Equal("duration 74 min 59 s (2027-01-15T01:03:00Z to 2027-01-15T02:17:59Z) is outside 75-120 minutes",
            Assert.Single(RuleHarness.Run(repo, new ReceiptDurationRule())).Message);
    }

    [Fact]
    public void Given_a_completed_receipt_without_an_end_When_checked_Then_roster_mismatch_at_attendance_status()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, End + ",\n", string.Empty);
        var f = RuleHarness.Single(RuleHarness.Run(repo, new ReceiptDurationRule()), BlockReason.AttendanceRosterMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, "\"attendance_status\""));
        Assert.Equal("a completed receipt needs actual_end_utc", f.Message);
    }

    [Fact]
    public void Given_a_scheduled_receipt_with_only_a_start_When_checked_Then_nothing_blocks()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, End + ",\n", string.Empty).Replace(Receipt, "\"completed\"", "\"scheduled\"")
            .Replace(Receipt, "  \"mock_audit_log_id\": \"log-1\",\n", string.Empty);
        Assert.Empty(RuleHarness.Run(repo, new ReceiptDurationRule()));
    }

    [Fact]
    public void Given_a_scheduled_receipt_with_an_end_When_checked_Then_schema_invalid_at_actual_end_utc()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"completed\"", "\"scheduled\"").Replace(Receipt, "  \"mock_audit_log_id\": \"log-1\",\n", string.Empty);
        var f = RuleHarness.Single(RuleHarness.Run(repo, new ReceiptDurationRule()), BlockReason.SchemaInvalid, Receipt, RuleHarness.LineOf(repo, Receipt, "\"actual_end_utc\""));
        Assert.Contains("has not ended", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_no_show_receipt_naming_a_log_When_checked_Then_schema_invalid_at_mock_audit_log_id()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"completed\"", "\"no_show\"");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new ReceiptDurationRule()), BlockReason.SchemaInvalid, Receipt, RuleHarness.LineOf(repo, Receipt, "\"mock_audit_log_id\""));
        Assert.StartsWith("a no_show receipt names no mock audit log", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_cancelled_receipt_whose_end_precedes_its_start_When_checked_Then_roster_mismatch_at_actual_end_utc()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"completed\"", "\"cancelled\"").Replace(Receipt, "  \"mock_audit_log_id\": \"log-1\",\n", string.Empty)
            .Replace(Receipt, End, "\"actual_end_utc\": \"2027-01-15T01:00:00Z\"");
        RuleHarness.Single(RuleHarness.Run(repo, new ReceiptDurationRule()), BlockReason.AttendanceRosterMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, "\"actual_end_utc\""));
    }
}
