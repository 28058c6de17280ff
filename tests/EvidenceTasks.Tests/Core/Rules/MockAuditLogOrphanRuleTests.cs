using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core.Rules;

public class MockAuditLogOrphanRuleTests
{
    private const string Receipt = "evidence/attendance/att-1.json";
    private const string Log = "evidence/mock-audit-logs/log-1.json";

    [Fact]
    public void Given_logs_bootstrapped_from_completed_receipts_When_checked_Then_none_is_an_orphan()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        Assert.Empty(RuleHarness.Run(repo, new MockAuditLogOrphanRule()));
        using var bundled = TempEvidenceRepo.WithBundledEvidence();
        Assert.Empty(RuleHarness.Run(bundled, new MockAuditLogOrphanRule()));
    }

    [Fact]
    public void Given_a_log_without_attendance_id_When_checked_Then_orphan_at_mock_audit_id()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Log, "  \"attendance_id\": \"att-1\",\n", string.Empty);
        var f = RuleHarness.Single(RuleHarness.Run(repo, new MockAuditLogOrphanRule()), BlockReason.MockAuditLogOrphan, Log, RuleHarness.LineOf(repo, Log, "\"mock_audit_id\""));
        Assert.Equal("log log-1 has no attendance_id: mock_audit_log requires attendance_id", f.Message);
    }

    [Fact]
    public void Given_a_log_whose_receipt_is_missing_When_checked_Then_orphan_at_attendance_id()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Log, "\"att-1\"", "\"att-9\"");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new MockAuditLogOrphanRule()), BlockReason.MockAuditLogOrphan, Log, RuleHarness.LineOf(repo, Log, "\"attendance_id\""));
        Assert.Equal("attendance_id 'att-9' names no receipt (evidence/attendance/att-9.json is missing)", f.Message);
    }

    [Fact]
    public void Given_a_log_whose_receipt_cannot_be_read_When_checked_Then_no_second_finding_is_piled_on()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write(Receipt, "{ not json");
        Assert.Empty(RuleHarness.Run(repo, new MockAuditLogOrphanRule(), requireClean: false));
    }

    [Theory]
    [InlineData("scheduled")]
    [InlineData("cancelled")]
    [InlineData("no_show")]
    public void Given_a_log_whose_receipt_is_not_completed_When_checked_Then_orphan(string status)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"completed\"", $"\"{status}\"");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new MockAuditLogOrphanRule()), BlockReason.MockAuditLogOrphan, Log, RuleHarness.LineOf(repo, Log, "\"attendance_id\""));
        Assert.Equal($"receipt att-1 is {status}, not completed: attendance must be completed before a mock audit log exists", f.Message);
    }

    [Fact]
    public void Given_a_log_whose_receipt_fails_roster_validation_When_checked_Then_orphan_naming_the_receipt_problem()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"signer_id\": \"eng.carol\"", "\"signer_id\": \"eng.dan\"");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new MockAuditLogOrphanRule()), BlockReason.MockAuditLogOrphan, Log, RuleHarness.LineOf(repo, Log, "\"attendance_id\""));
        Assert.StartsWith($"receipt att-1 fails roster validation ({Receipt}:{RuleHarness.LineOf(repo, Receipt, "eng.dan")}:", f.Message, StringComparison.Ordinal);
        Assert.Contains("backup eng.dan attended", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_second_log_naming_the_same_receipt_When_checked_Then_the_second_is_the_orphan()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        const string second = "evidence/mock-audit-logs/log-2.json";
        repo.Write(second, repo.Read(Log).Replace("\"log-1\"", "\"log-2\"", StringComparison.Ordinal));
        var f = RuleHarness.Single(RuleHarness.Run(repo, new MockAuditLogOrphanRule()), BlockReason.MockAuditLogOrphan, second, RuleHarness.LineOf(repo, second, "\"attendance_id\""));
        Assert.Equal("receipt att-1 already has log log-1 (its mock_audit_log_id): one log per receipt", f.Message);
    }

    [Fact]
    public void Given_a_log_its_receipt_does_not_name_When_checked_Then_orphan_with_the_bootstrap_fix()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "  \"mock_audit_log_id\": \"log-1\",\n", string.Empty);
        var f = RuleHarness.Single(RuleHarness.Run(repo, new MockAuditLogOrphanRule()), BlockReason.MockAuditLogOrphan, Log, RuleHarness.LineOf(repo, Log, "\"attendance_id\""));
        Assert.Contains("bootstrap --attendance att-1", f.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_receipt_naming_a_log_that_does_not_exist_When_checked_Then_reference_broken_at_the_receipt()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Delete(Log).Delete("evidence/deficiencies/def-1.yaml");
        RuleHarness.Single(RuleHarness.Run(repo, new MockAuditLogOrphanRule()), BlockReason.ReferenceBroken, Receipt, RuleHarness.LineOf(repo, Receipt, "\"mock_audit_log_id\""));
    }
}
