using System.Text.Json.Nodes;
using EvidenceTasks.Cli;
using EvidenceTasks.Tests.Support;
using static EvidenceTasks.Tests.Support.BudgetScenario;

namespace EvidenceTasks.Tests.Cli;

public class FridayVerbTests
{
    private const string Friday = "2027-01-22T00:00:00Z";

    private static TrendRepo WithClosures(params string[] tickets)
    {
        var repo = Create();
        foreach (var id in tickets)
            repo.Repo.Replace($"evidence/deficiencies/{id}.yaml", "status: open", "status: resolved\nresolved_dt_utc: 2027-01-20T00:00:00Z");
        return repo;
    }

    [Fact]
    public void Given_closures_matching_the_budget_When_friday_Then_y_with_the_lane_table()
    {
        // Closures: two in dimension 5 (lesson_167: 40/80 = 50 %), one in 6 (33.34 %), one in 7 (16.66 %).
        using var repo = WithClosures("def-0001", "def-0002", "def-0005", "def-0009");
        var run = CliRunner.Run(repo.Root, "friday", "--as-of", Friday);
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Contains($"Current sprint budget: {Sprint} (as_of {AsOf}, approved by governance_owner)", run.Out, StringComparison.Ordinal);
        Assert.Contains("  lesson_167       2         50.00       50.00        0.00        yes", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("Block 6 answer: y (every lane's share of the 4 resolution(s) is within 25 points of its allocation)\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_closures_off_the_budget_When_friday_json_Then_n_and_the_deciding_lanes()
    {
        using var repo = WithClosures("def-0009", "def-0010");
        var run = CliRunner.Run(repo.Root, "friday", "--as-of", Friday, "--format", "json");
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        var doc = JsonNode.Parse(run.Out)!;
        Assert.Equal("n", doc["answer"]!.GetValue<string>());
        Assert.Equal(Sprint, doc["sprint_id"]!.GetValue<string>());
        Assert.Equal(2, doc["resolved_count"]!.GetValue<int>());
        Assert.Equal(3, doc["top_ten"]!.AsArray().Count);
        var lanes = doc["lanes"]!.AsArray().ToDictionary(l => l!["lane"]!.GetValue<string>(), l => l!);
        Assert.False(lanes["lesson_171"]["within_tolerance"]!.GetValue<bool>());
        Assert.Equal(100m, lanes["lesson_171"]["resolved_share_pct"]!.GetValue<decimal>());
        Assert.Equal(16.66m, lanes["lesson_171"]["allocated_share_pct"]!.GetValue<decimal>());
    }

    [Fact]
    public void Given_no_budget_at_or_before_as_of_When_friday_Then_refused()
    {
        using var repo = Create();
        var run = CliRunner.Run(repo.Root, "friday", "--as-of", "2027-01-14T23:59:59Z");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains("error reference_broken: no sprint budget was cut at or before 2027-01-14T23:59:59Z", run.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Blocked, CliRunner.Run(repo.Root, "friday", "--as-of", Friday, "--sprint", "2099-Q1-S01").ExitCode);
        Assert.Equal(ExitCodes.Clean, CliRunner.Run(repo.Root, "friday", "--as-of", Friday, "--sprint", Sprint).ExitCode);
    }
}
