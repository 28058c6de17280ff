using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core.Rules;

public class MockAuditScoreRuleTests
{
    private const string Log = "evidence/mock-audit-logs/log-1.json";
    private const string Ticket = "evidence/deficiencies/def-1.yaml";

    // rubric_v9 weights 20/10/10/15/20/10/15, max_score 4: (60+40+30+45+40+30+60)/4 = 76.25.
    private static TempEvidenceRepo Scored(string weighted = "76.25", string pass = "false")
    {
        var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Log, "\"status\": \"draft\"",
            "\"status\": \"scored\",\n  \"scores\": {\n    \"1\": 3,\n    \"2\": 4,\n    \"3\": 3,\n    \"4\": 3,\n    \"5\": 2,\n    \"6\": 3,\n    \"7\": 4\n  },\n" +
            $"  \"weighted_score\": {weighted},\n  \"pass_bit\": {pass}");
        return repo;
    }

    [Fact]
    public void Given_computed_values_When_checked_Then_nothing_blocks()
    {
        using var repo = Scored();
        Assert.Empty(RuleHarness.Run(repo, new MockAuditScoreRule()));
        using var bundled = TempEvidenceRepo.WithBundledEvidence();
        Assert.Empty(RuleHarness.Run(bundled, new MockAuditScoreRule()));
    }

    [Fact]
    public void Given_the_same_value_with_trailing_zeros_When_checked_Then_it_is_equal()
    {
        using var repo = Scored(weighted: "76.250");
        Assert.Empty(RuleHarness.Run(repo, new MockAuditScoreRule()));
    }

    [Fact]
    public void Given_a_typed_weighted_score_When_checked_Then_score_mismatch_at_weighted_score()
    {
        using var repo = Scored(weighted: "76");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new MockAuditScoreRule()), BlockReason.MockAuditScoreMismatch, Log, RuleHarness.LineOf(repo, Log, "\"weighted_score\""));
        Assert.StartsWith("weighted_score 76 is not what the scores compute (76.25 =", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_pass_bit_toggled_on_despite_a_cert_blocking_ticket_When_checked_Then_the_fix_names_the_file_to_rescore()
    {
        using var repo = Scored(pass: "true");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new MockAuditScoreRule()), BlockReason.MockAuditScoreMismatch, Log, RuleHarness.LineOf(repo, Log, "\"pass_bit\""));
        Assert.Equal($"pass_bit is true but computes to false (76.25 >= pass_threshold 75, cert_blocking ticket def-1 in {Ticket})", f.Message);
        Assert.StartsWith($"Re-score {Log} with `score --log log-1`", f.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resolved")]
    [InlineData("withdrawn")]
    public void Given_a_cert_blocking_ticket_in_any_status_When_checked_Then_pass_bit_stays_false(string status)
    {
        using var repo = Scored(pass: "false");
        if (status != "resolved") repo.Replace(Ticket, "status: resolved\nresolved_dt_utc: 2027-01-18T10:00:00Z", $"status: {status}");
        Assert.Empty(RuleHarness.Run(repo, new MockAuditScoreRule()));
    }

    [Fact]
    public void Given_the_cert_blocking_ticket_downgraded_When_checked_Then_pass_bit_false_is_now_wrong()
    {
        using var repo = Scored(pass: "false");
        repo.Replace(Ticket, "severity: cert_blocking", "severity: major");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new MockAuditScoreRule()), BlockReason.MockAuditScoreMismatch, Log, RuleHarness.LineOf(repo, Log, "\"pass_bit\""));
        Assert.Equal("pass_bit is false but computes to true (76.25 >= pass_threshold 75, no cert_blocking ticket)", f.Message);
    }

    [Fact]
    public void Given_an_unreadable_ticket_When_checked_Then_pass_bit_is_not_judged()
    {
        using var repo = Scored(pass: "false");
        repo.Replace(Ticket, "severity: cert_blocking", "severity: major").Write("evidence/deficiencies/def-2.yaml", "a: 1\na: 2\n");
        Assert.Empty(RuleHarness.Run(repo, new MockAuditScoreRule(), requireClean: false));
    }

    [Fact]
    public void Given_a_score_above_max_score_When_checked_Then_score_mismatch_at_that_dimension()
    {
        using var repo = Scored();
        repo.Replace(Log, "\"5\": 2", "\"5\": 5");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new MockAuditScoreRule()), BlockReason.MockAuditScoreMismatch, Log, RuleHarness.LineOf(repo, Log, "\"5\": 5"));
        Assert.Equal("scores: dimension 5: score 5 is outside 0..4 (rubric rubric_v9)", f.Message);
    }

    [Fact]
    public void Given_a_scored_log_missing_a_dimension_When_checked_Then_score_mismatch_at_scores()
    {
        using var repo = Scored();
        repo.Replace(Log, ",\n    \"7\": 4", string.Empty);
        var f = RuleHarness.Single(RuleHarness.Run(repo, new MockAuditScoreRule()), BlockReason.MockAuditScoreMismatch, Log, RuleHarness.LineOf(repo, Log, "\"scores\""));
        Assert.StartsWith("scores: no score for dimension 7", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_draft_log_with_partial_scores_When_checked_Then_nothing_blocks()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Log, "\"status\": \"draft\"", "\"status\": \"draft\",\n  \"scores\": {\"1\": 3, \"2\": 4}");
        Assert.Empty(RuleHarness.Run(repo, new MockAuditScoreRule()));
    }
}
