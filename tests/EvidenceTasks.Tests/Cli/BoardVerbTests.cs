using System.Text.Json.Nodes;
using EvidenceTasks.Cli;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Cli;

public class BoardVerbTests
{
    [Fact]
    public void Given_evidence_When_board_format_json_Then_as_of_hash_and_rows_with_the_seed_columns()
    {
        using var repo = BudgetScenario.Create(cut: false);
        var run = CliRunner.Run(repo.Root, "board", "--as-of", BudgetScenario.AsOf, "--format", "json");
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        var doc = JsonNode.Parse(run.Out)!.AsObject();
        Assert.Equal(["as_of", "trend_board_snapshot_hash", "lookback_cert_windows", "rows"], doc.Select(p => p.Key));
        Assert.Equal(BudgetScenario.AsOf, doc["as_of"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", doc["trend_board_snapshot_hash"]!.GetValue<string>());
        var rows = doc["rows"]!.AsArray();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(
            ["rubric_dimension", "failure_mode_tag", "event_count", "window_count", "cert_blocking_count", "carve_out_count", "avg_resolution_hours", "most_recent_dt_utc", "classification"],
            r!.AsObject().Select(p => p.Key)));
        Assert.Equal(["hot", "recurring-minor", "improving"], rows.Select(r => r!["classification"]!.GetValue<string>()));
    }

    [Fact]
    public void Given_the_same_repository_and_as_of_When_board_runs_twice_Then_byte_identical_output()
    {
        using var repo = BudgetScenario.Create(cut: false);
        foreach (var format in new[] { "text", "json", "markdown" })
        {
            var first = CliRunner.Run(repo.Root, "board", "--as-of", BudgetScenario.AsOf, "--format", format);
            Assert.Equal(first.Out, CliRunner.Run(repo.Root, "board", "--as-of", BudgetScenario.AsOf, "--format", format).Out);
        }
    }

    [Fact]
    public void Given_evidence_When_board_as_text_and_markdown_Then_a_table_with_the_hash()
    {
        using var repo = BudgetScenario.Create(cut: false);
        var text = CliRunner.Run(repo.Root, "board", "--as-of", BudgetScenario.AsOf);
        Assert.StartsWith($"trend board at as_of {BudgetScenario.AsOf}: 3 row(s) over 4 cert window(s) (w4, w3, w2, w1)\ntrend_board_snapshot_hash: ", text.Out, StringComparison.Ordinal);
        Assert.Contains("5                 replay_diff_epsilon_drift  4            4             1                    0                null", text.Out, StringComparison.Ordinal);
        var md = CliRunner.Run(repo.Root, "board", "--as-of", BudgetScenario.AsOf, "--format", "markdown").Out;
        Assert.Contains("| 7 | tuple_drift_unblocked | 4 | 4 | 0 | 0 | null | 2026-11-01T00:00:00Z | improving |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_file_that_does_not_load_When_board_Then_refused_with_the_finding_and_exit_1()
    {
        using var repo = BudgetScenario.Create(cut: false);
        repo.Repo.Replace("evidence/deficiencies/def-0001.yaml", "severity: cert_blocking", "severity: blocker");
        var run = CliRunner.Run(repo.Root, "board", "--as-of", BudgetScenario.AsOf);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.StartsWith("evidence/deficiencies/def-0001.yaml:6:1: error schema_invalid: ", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }
}
