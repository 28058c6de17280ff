using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core.Rules;

public class MockAuditLogBootstrapRuleTests
{
    private const string Log = "evidence/mock-audit-logs/log-1.json";

    [Fact]
    public void Given_logs_matching_their_receipts_and_slots_When_checked_Then_nothing_blocks()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        Assert.Empty(RuleHarness.Run(repo, new MockAuditLogBootstrapRule()));
        using var bundled = TempEvidenceRepo.WithBundledEvidence();
        Assert.Empty(RuleHarness.Run(bundled, new MockAuditLogBootstrapRule()));
    }

    [Theory]
    [InlineData("\"cert_window_id\": \"w1\"", "\"cert_window_id\": \"w2\"", "\"cert_window_id\"", "is not receipt att-1's cert_window_id ('w1')")]
    [InlineData("\"rehearsal_kind\": \"T-14\"", "\"rehearsal_kind\": \"T-3\"", "\"rehearsal_kind\"", "is not the kind of receipt att-1's phase t_minus_14 ('T-14')")]
    [InlineData("\"rehearsal_dt_utc\": \"2027-01-15T01:03:00Z\"", "\"rehearsal_dt_utc\": \"2027-01-15T01:00:00Z\"", "\"rehearsal_dt_utc\"", "is not receipt att-1's actual_start_utc ('2027-01-15T01:03:00Z')")]
    public void Given_a_log_field_that_differs_from_its_receipt_When_checked_Then_orphan_at_that_field(string oldText, string newText, string field, string expected)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Log, oldText, newText);
        var f = RuleHarness.Single(RuleHarness.Run(repo, new MockAuditLogBootstrapRule()), BlockReason.MockAuditLogOrphan, Log, RuleHarness.LineOf(repo, Log, field));
        Assert.Contains(expected, f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_log_pinned_to_another_existing_rubric_than_its_slot_When_checked_Then_orphan_at_rubric_version()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write("governance/rubric/rubric_v10.yaml", repo.Read("governance/rubric/rubric_v9.yaml").Replace("rubric_v9", "rubric_v10", StringComparison.Ordinal))
            .Replace(Log, "\"rubric_v9\"", "\"rubric_v10\"");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new MockAuditLogBootstrapRule()), BlockReason.MockAuditLogOrphan, Log, RuleHarness.LineOf(repo, Log, "\"rubric_version\""));
        Assert.Contains("is not slot us_t14's rubric_version ('rubric_v9')", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_log_whose_rubric_is_not_in_the_registry_When_checked_Then_reference_broken_at_rubric_version()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Log, "\"rubric_v9\"", "\"rubric_v404\"");
        var findings = RuleHarness.Run(repo, new MockAuditLogBootstrapRule());
        var line = RuleHarness.LineOf(repo, Log, "\"rubric_version\"");
        Assert.Contains(findings, f => f.Reason == BlockReason.ReferenceBroken && f.Location.Line == line && f.Message.Contains("governance/rubric/rubric_v404.yaml is missing", StringComparison.Ordinal));
    }
}
