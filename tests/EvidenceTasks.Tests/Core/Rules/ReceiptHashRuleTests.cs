using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core.Rules;

public class ReceiptHashRuleTests
{
    private const string Receipt = "evidence/attendance/att-1.json";
    private const string Seal = "  \"receipt_sha256\": \"5672d9f172a87eddaa85a98300506df5ec6783993e6fbab20d41c9a3add9f234\"\n";

    [Fact]
    public void Given_the_rule_When_partners_replay_Then_it_is_a_recorded_hash_rule() =>
        Assert.Contains(GateRules.All, r => r is ReceiptHashRule and IRecordedHashRule);

    [Fact]
    public void Given_sealed_receipts_When_checked_Then_every_seal_recomputes()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        Assert.Empty(RuleHarness.Run(repo, new ReceiptHashRule()));
        using var bundled = TempEvidenceRepo.WithBundledEvidence();
        Assert.Empty(RuleHarness.Run(bundled, new ReceiptHashRule()));
    }

    [Fact]
    public void Given_a_sealed_receipt_edited_afterwards_When_checked_Then_receipt_hash_mismatch_at_receipt_sha256()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "02:28:00Z", "02:29:00Z");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new ReceiptHashRule()), BlockReason.ReceiptHashMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, "\"receipt_sha256\""));
        Assert.Contains("the receipt changed after it was sealed", f.Message, StringComparison.Ordinal);
        Assert.Contains("bootstrap --attendance att-1", f.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_reformatted_sealed_receipt_When_checked_Then_the_seal_still_holds()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        var compact = System.Text.Json.Nodes.JsonNode.Parse(repo.Read(Receipt))!.ToJsonString();
        repo.Write(Receipt, compact + "\n");
        Assert.Empty(RuleHarness.Run(repo, new ReceiptHashRule()));
    }

    [Fact]
    public void Given_a_bootstrapped_receipt_without_its_seal_When_checked_Then_receipt_hash_mismatch_at_mock_audit_log_id()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, ",\n" + Seal, "\n");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new ReceiptHashRule()), BlockReason.ReceiptHashMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, "\"mock_audit_log_id\""));
        Assert.Equal("receipt att-1 names log log-1 but has no receipt_sha256: a bootstrapped receipt is sealed", f.Message);
    }

    [Theory]
    [InlineData("no_show")]
    [InlineData("cancelled")]
    public void Given_a_final_receipt_without_a_seal_When_checked_Then_receipt_hash_mismatch_at_attendance_status(string status)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"completed\",\n  \"mock_audit_log_id\": \"log-1\",\n" + Seal, $"\"{status}\"\n");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new ReceiptHashRule()), BlockReason.ReceiptHashMismatch, Receipt, RuleHarness.LineOf(repo, Receipt, "\"attendance_status\""));
        Assert.Contains("receipt seal --attendance att-1", f.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("scheduled")]
    public void Given_a_receipt_not_yet_bootstrapped_When_checked_Then_no_seal_is_due(string status)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Receipt, "\"completed\",\n  \"mock_audit_log_id\": \"log-1\",\n" + Seal, $"\"{status}\"\n");
        Assert.Empty(RuleHarness.Run(repo, new ReceiptHashRule()));
    }
}
