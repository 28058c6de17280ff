using System.Text.Json.Nodes;
using EvidenceTasks.Cli;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;
using static EvidenceTasks.Tests.Support.BudgetScenario;

namespace EvidenceTasks.Tests.Cli;

public class AllocateVerbTests
{
    private static CliRunner.CliRun Allocate(TrendRepo repo, params string[] extra) =>
        CliRunner.Run(repo.Root, ["allocate", "--sprint", Sprint, "--approved-by", "governance_owner", .. extra]);

    [Fact]
    public void Given_a_board_When_allocate_Then_the_budget_file_with_the_seed_columns_as_of_and_inputs()
    {
        using var repo = Create(cut: false);
        var run = Allocate(repo, "--as-of", AsOf);
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.EndsWith($"created {BudgetPath}\n", run.Out, StringComparison.Ordinal);
        var doc = JsonNode.Parse(repo.Repo.Read(BudgetPath))!.AsObject();
        Assert.Equal(
            ["sprint_id", "as_of", "generated_dt_utc", "lesson_167_pct", "lesson_170_pct", "lesson_165_pct", "lesson_171_pct", "lessons_164_166_pct", "lesson_163_pct", "reserved_pct", "trend_board_snapshot_hash", "approved_by", "inputs_sha256"],
            doc.Select(p => p.Key));
        Assert.Equal(AsOf, doc["generated_dt_utc"]!.GetValue<string>()); // never the clock
        var board = JsonNode.Parse(CliRunner.Run(repo.Root, "board", "--as-of", AsOf, "--format", "json").Out)!;
        Assert.Equal(board["trend_board_snapshot_hash"]!.GetValue<string>(), doc["trend_board_snapshot_hash"]!.GetValue<string>());
        var inputs = doc["inputs_sha256"]!.AsObject();
        Assert.Equal(12 + 12 + 1, inputs.Count); // 12 tickets, 12 logs, the allocator
        Assert.Contains("governance/allocator.yaml", inputs.Select(p => p.Key));
        Assert.Empty(RuleRunner.Run(new BudgetSumRule(), repo.Root, AsOf));
        Assert.Empty(RuleRunner.Run(new BudgetSnapshotRule(), repo.Root, AsOf));
    }

    [Fact]
    public void Given_an_existing_budget_When_allocate_again_Then_unchanged_for_the_same_content_and_refused_for_other_content()
    {
        using var repo = Create(cut: false);
        Assert.Equal(ExitCodes.Clean, Allocate(repo, "--as-of", AsOf).ExitCode);
        var bytes = File.ReadAllBytes(repo.Repo.PathOf(BudgetPath));

        var again = Allocate(repo, "--as-of", AsOf);
        Assert.Equal(ExitCodes.Clean, again.ExitCode);
        Assert.Contains($"unchanged {BudgetPath}", again.Out, StringComparison.Ordinal);

        var other = Allocate(repo); // the clock's as_of: another budget
        Assert.Equal(ExitCodes.Blocked, other.ExitCode);
        Assert.StartsWith($"{BudgetPath}:1:1: error evidence_rewritten: sprint {Sprint} already has a different budget", other.Error, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(repo.Repo.PathOf(BudgetPath)));
    }

    [Theory]
    [InlineData("bad/sprint")]
    [InlineData("-S01")]
    public void Given_an_invalid_sprint_id_When_allocate_Then_usage_error(string sprint)
    {
        using var repo = Create(cut: false);
        var run = CliRunner.Run(repo.Root, "allocate", "--sprint", sprint, "--approved-by", "governance_owner");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("is not a valid id", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_no_approver_When_allocate_Then_usage_error()
    {
        using var repo = Create(cut: false);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run(repo.Root, "allocate", "--sprint", Sprint).ExitCode);
    }

    [Fact]
    public void Given_no_allocator_configuration_When_allocate_Then_refused()
    {
        using var repo = Create(cut: false);
        repo.Repo.Delete("governance/allocator.yaml");
        var run = Allocate(repo, "--as-of", AsOf);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.StartsWith("governance/allocator.yaml:1:1: error reference_broken: ", run.Error, StringComparison.Ordinal);
    }
}
