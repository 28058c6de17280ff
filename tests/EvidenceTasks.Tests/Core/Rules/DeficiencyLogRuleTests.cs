using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core.Rules;

public class DeficiencyLogRuleTests
{
    private const string Ticket = "evidence/deficiencies/def-1.yaml";

    [Fact]
    public void Given_tickets_on_logs_of_completed_rehearsals_When_checked_Then_nothing_blocks()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        Assert.Empty(RuleHarness.Run(repo, new DeficiencyLogRule()));
        using var bundled = TempEvidenceRepo.WithBundledEvidence();
        Assert.Empty(RuleHarness.Run(bundled, new DeficiencyLogRule()));
    }

    [Fact]
    public void Given_a_ticket_on_a_log_that_does_not_exist_When_checked_Then_reference_broken_at_mock_audit_id()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Ticket, "mock_audit_id: log-1", "mock_audit_id: log-404");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new DeficiencyLogRule()), BlockReason.ReferenceBroken, Ticket, 2);
        Assert.Equal("mock_audit_id 'log-404' names no log (evidence/mock-audit-logs/log-404.json is missing)", f.Message);
    }

    [Fact]
    public void Given_a_ticket_of_another_window_When_checked_Then_mismatch_at_cert_window_id()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Ticket, "cert_window_id: w1", "cert_window_id: w0");
        RuleHarness.Single(RuleHarness.Run(repo, new DeficiencyLogRule()), BlockReason.DeficiencyLogMismatch, Ticket, 3);
    }

    [Fact]
    public void Given_an_sla_tier_other_than_the_log_kind_When_checked_Then_mismatch_at_sla_tier()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Ticket, "sla_tier: T-14", "sla_tier: T-3");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new DeficiencyLogRule()), BlockReason.DeficiencyLogMismatch, Ticket, 7);
        Assert.Equal("sla_tier 'T-3' is not log log-1's rehearsal_kind ('T-14')", f.Message);
    }

    [Theory]
    [InlineData("no_show")]
    [InlineData("cancelled")]
    public void Given_a_ticket_from_a_rehearsal_that_did_not_happen_When_checked_Then_no_deficiencies_from_memory(string status)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace("evidence/attendance/att-1.json", "\"completed\"", $"\"{status}\"");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new DeficiencyLogRule()), BlockReason.DeficiencyLogMismatch, Ticket, 2);
        Assert.Equal($"deficiency def-1 is raised on log log-1, but its rehearsal (receipt att-1) is {status}: no deficiencies from memory", f.Message);
    }

    [Fact]
    public void Given_a_ticket_whose_log_receipt_is_missing_When_checked_Then_no_deficiencies_from_memory()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Delete("evidence/attendance/att-1.json");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new DeficiencyLogRule()), BlockReason.DeficiencyLogMismatch, Ticket, 2);
        Assert.Contains("its receipt att-1 is missing", f.Message, StringComparison.Ordinal);
    }
}
