using EvidenceTasks.Cli;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Cli;

public class ScoreVerbTests
{
    private static TempEvidenceRepo Bootstrapped() => Scribe.BundledBootstrapped();

    private const string ScoredTail = """
          "status": "scored",
          "scores": {
            "1": 3,
            "2": 4,
            "3": 3,
            "4": 3,
            "5": 2,
            "6": 3,
            "7": 3
          },
          "weighted_score": 72.5,
          "pass_bit": false
        }

        """;

    [Fact]
    public void Given_scores_on_the_command_line_When_scored_Then_computed_values_and_status_scored()
    {
        using var repo = Bootstrapped();
        // mock_audit_rubric_v1: (15·3 + 10·4 + 15·3 + 15·3 + 20·2 + 10·3 + 15·3) / 4 = 290 / 4 = 72.5 < 75.
        var run = CliRunner.Run(repo.Root, "score", "--log", Scribe.LogId, "--scores", "1=3,2=4,3=3,4=3,5=2,6=3,7=3");
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Equal($"scored {Scribe.LogPath()}: weighted_score 72.5, pass_bit false (72.5 < pass_threshold 75, no cert_blocking ticket)\n", run.Out);
        Assert.EndsWith("  \"rehearsal_dt_utc\": \"2027-01-14T22:02:00Z\",\n" + ScoredTail, repo.Read(Scribe.LogPath()), StringComparison.Ordinal);
        Assert.Empty(RuleHarness.GateErrors(repo));
    }

    [Fact]
    public void Given_the_panel_scores_in_the_draft_file_When_scored_Then_they_are_used_and_a_whole_score_is_an_integer()
    {
        using var repo = Bootstrapped();
        repo.Replace(Scribe.LogPath(), "\"status\": \"draft\"", "\"status\": \"draft\",\n  \"scores\": {\"7\": 3, \"1\": 4, \"2\": 3, \"3\": 3, \"4\": 4, \"5\": 2, \"6\": 4}");
        var run = CliRunner.Run(repo.Root, "score", "--log", Scribe.LogId);
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Contains("weighted_score 80, pass_bit true (80 >= pass_threshold 75, no cert_blocking ticket)", run.Out, StringComparison.Ordinal);
        var text = repo.Read(Scribe.LogPath());
        Assert.Contains("\"weighted_score\": 80,\n", text, StringComparison.Ordinal);
        Assert.Contains("\"scores\": {\n    \"1\": 4,", text, StringComparison.Ordinal);
        Assert.Empty(RuleHarness.GateErrors(repo));
    }

    [Fact]
    public void Given_a_scored_log_When_scored_again_Then_already_scored_and_no_byte_changes()
    {
        using var repo = Bootstrapped();
        CliRunner.Run(repo.Root, "score", "--log", Scribe.LogId, "--scores", "1=3,2=4,3=3,4=3,5=2,6=3,7=4");
        var before = File.ReadAllBytes(repo.PathOf(Scribe.LogPath()));
        var run = CliRunner.Run(repo.Root, "score", "--log", Scribe.LogId);
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.StartsWith("already scored:", run.Out, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(repo.PathOf(Scribe.LogPath())));
    }

    [Fact]
    public void Given_a_cert_blocking_ticket_added_after_scoring_When_gated_Then_blocked_until_rescored()
    {
        using var repo = Bootstrapped();
        CliRunner.Run(repo.Root, "score", "--log", Scribe.LogId, "--scores", "1=4,2=3,3=3,4=4,5=2,6=4,7=3");
        Assert.Contains("\"pass_bit\": true", repo.Read(Scribe.LogPath()), StringComparison.Ordinal);
        repo.Write("evidence/deficiencies/def-0100.yaml", """
            deficiency_id: def-0100
            mock_audit_id: log-q1-2027-meta-us-t14-2027-01-14
            cert_window_id: q1_2027_meta
            rubric_dimension: 5
            failure_mode_tag: replay_diff_epsilon_drift
            severity: cert_blocking
            sla_tier: T-14
            status: open
            footer_schema_semver: 1.4.0
            epsilon_policy_version: eps-2026.3

            """);
        var gate = CliRunner.Run(repo.Root, "gate", "--as-of", "2026-11-23T12:00:00Z");
        Assert.Equal(ExitCodes.Blocked, gate.ExitCode);
        Assert.Contains(
            $"{Scribe.LogPath()}:{RuleHarness.LineOf(repo, Scribe.LogPath(), "\"pass_bit\"")}:3: error mock_audit_score_mismatch: pass_bit is true but computes to false (80 >= pass_threshold 75, cert_blocking ticket def-0100 in evidence/deficiencies/def-0100.yaml) (fix: Re-score {Scribe.LogPath()} with `score --log {Scribe.LogId}`",
            gate.Out, StringComparison.Ordinal);

        var run = CliRunner.Run(repo.Root, "score", "--log", Scribe.LogId);
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Contains("pass_bit false", run.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Clean, CliRunner.Run(repo.Root, "gate", "--as-of", "2026-11-23T12:00:00Z").ExitCode);
    }

    [Theory]
    [InlineData("1=3,2=4,3=3,4=3,5=2,6=3,7=5", "--scores: dimension 7: score 5 is outside 0..4 (rubric mock_audit_rubric_v1)")]
    [InlineData("1=3,2=4,3=3,4=3,5=2,6=3", "--scores: no score for dimension 7: a scored log has one score per rubric dimension")]
    [InlineData("1=3,2=4,3=3,4=3,5=2,6=3,7=4,8=1", "--scores: dimension 8 is not in rubric mock_audit_rubric_v1")]
    public void Given_scores_that_do_not_fit_the_rubric_When_scored_Then_refused_and_the_log_stays_draft(string scores, string message)
    {
        using var repo = Bootstrapped();
        var before = repo.Read(Scribe.LogPath());
        var run = CliRunner.Run(repo.Root, "score", "--log", Scribe.LogId, "--scores", scores);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Equal($"{Scribe.LogPath()}:1:1: error mock_audit_score_mismatch: {message} (fix: Give every dimension of rubric mock_audit_rubric_v1 a whole score 0..4.)\n", run.Error);
        Assert.Equal(before, repo.Read(Scribe.LogPath()));
    }

    [Fact]
    public void Given_a_score_out_of_range_in_the_file_When_scored_Then_refused_at_that_dimension()
    {
        using var repo = Bootstrapped();
        repo.Replace(Scribe.LogPath(), "\"status\": \"draft\"", "\"status\": \"draft\",\n  \"scores\": {\n    \"1\": 3,\n    \"2\": 9\n  }");
        var run = CliRunner.Run(repo.Root, "score", "--log", Scribe.LogId);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"{Scribe.LogPath()}:{RuleHarness.LineOf(repo, Scribe.LogPath(), "\"2\": 9")}:5: error mock_audit_score_mismatch: scores: dimension 2: score 9 is outside 0..4", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1=3,2")]
    [InlineData("1=x")]
    [InlineData("1=3,1=4")]
    public void Given_malformed_scores_When_scored_Then_usage_error(string scores)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        var run = CliRunner.Run(repo.Root, "score", "--log", "log-1", "--scores", scores);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("evidence-tasks: usage: --scores:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_draft_log_without_scores_When_scored_without_scores_Then_refused()
    {
        using var repo = Bootstrapped();
        var run = CliRunner.Run(repo.Root, "score", "--log", Scribe.LogId);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains($"error mock_audit_score_mismatch: log {Scribe.LogId} has no scores to score with", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_orphan_log_When_scored_Then_refused_with_the_orphan_reason()
    {
        using var repo = Bootstrapped();
        repo.Replace(Scribe.ReceiptPath(), "\"completed\"", "\"no_show\"");
        var run = CliRunner.Run(repo.Root, "score", "--log", Scribe.LogId, "--scores", "1=3,2=4,3=3,4=3,5=2,6=3,7=4");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains($"error mock_audit_log_orphan: receipt {Scribe.AttendanceId} is no_show, not completed", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"draft\"", repo.Read(Scribe.LogPath()), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_unreadable_ticket_When_scored_Then_refused_because_pass_bit_depends_on_every_ticket()
    {
        using var repo = Bootstrapped();
        repo.Write("evidence/deficiencies/def-0100.yaml", "a: 1\na: 2\n");
        var run = CliRunner.Run(repo.Root, "score", "--log", Scribe.LogId, "--scores", "1=3,2=4,3=3,4=3,5=2,6=3,7=4");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.StartsWith("evidence/deficiencies/def-0100.yaml:2:1: error parse_error:", run.Error, StringComparison.Ordinal);
    }
}
