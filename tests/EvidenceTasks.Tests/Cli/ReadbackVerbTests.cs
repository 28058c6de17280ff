using EvidenceTasks.Cli;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;
using static EvidenceTasks.Tests.Support.BudgetScenario;

namespace EvidenceTasks.Tests.Cli;

public class ReadbackVerbTests
{
    [Fact]
    public void Given_a_budget_When_readback_Then_the_seed_template_bound_to_the_hash_with_inputs_and_mermaid_charts()
    {
        using var repo = Create();
        var run = CliRunner.Run(repo.Root, "readback", "--sprint", Sprint);
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        var md = repo.Repo.Read(ReadbackPath);
        var hash = System.Text.Json.Nodes.JsonNode.Parse(repo.Repo.Read(BudgetPath))!["trend_board_snapshot_hash"]!.GetValue<string>();
        Assert.StartsWith("## Q1 2027 Mock Audit Recurrence Trend Board\n\n**Generated:** 2027-01-15\n\n**Lookback:** 12 cert windows (rolling 180 days)\n\n", md, StringComparison.Ordinal);
        Assert.Contains($"**Trend board snapshot hash:** `{hash}`", md, StringComparison.Ordinal);
        Assert.Contains("- hot rows: 1\n- recurring-minor rows: 1\n- improving rows: 1\n", md, StringComparison.Ordinal);
        Assert.Contains("```mermaid\npie showData\n    title Trend board rows by classification at 2027-01-15T00:00:00Z\n    \"hot\" : 1\n", md, StringComparison.Ordinal);
        Assert.Contains("```mermaid\npie showData\n    title Hardening allocation, sprint 2027-Q1-S01 (percent)\n    \"Diff gate\" : 40.00\n", md, StringComparison.Ordinal);
        Assert.Contains("| Reserved (incident-driven) | 20.00% |", md, StringComparison.Ordinal);
        Assert.Contains("Allocator output approved by: governance_owner, 2027-01-15.", md, StringComparison.Ordinal);
        Assert.Contains("- **Repository commit:** none (the evidence was not in a git repository)", md, StringComparison.Ordinal);
        Assert.Contains($"  {BudgetPath}\n", md, StringComparison.Ordinal);
        Assert.Empty(RuleRunner.Run(new ReadbackRule(), repo.Root, AsOf));
    }

    [Fact]
    public void Given_a_git_repository_When_readback_Then_it_names_head_and_what_is_not_committed_and_stays_unchanged_after_commit()
    {
        using var repo = Create(cut: false);
        using var git = repo.Repo.InitGit();
        var head = repo.Repo.Commit(git, "evidence");
        Allocate(repo, Sprint, AsOf);
        Readback(repo, Sprint);
        Assert.Contains($"- **Repository commit:** `{head.Sha}` (HEAD when generated; not yet committed there: `{BudgetPath}`)", repo.Repo.Read(ReadbackPath), StringComparison.Ordinal);
        var first = repo.Repo.Read(ReadbackPath);

        repo.Repo.Commit(git, "budget and readback");
        var again = CliRunner.Run(repo.Root, "readback", "--sprint", Sprint);
        Assert.Equal(ExitCodes.Clean, again.ExitCode);
        Assert.Contains($"unchanged {ReadbackPath}", again.Out, StringComparison.Ordinal);
        Assert.Equal(first, repo.Repo.Read(ReadbackPath));
    }

    [Fact]
    public void Given_the_same_budget_When_readback_renders_twice_in_fresh_folders_Then_byte_identical()
    {
        using var a = Create(readback: true);
        using var b = Create(readback: true);
        Assert.Equal(a.Repo.Read(ReadbackPath), b.Repo.Read(ReadbackPath));
    }

    [Fact]
    public void Given_a_different_readback_already_there_When_readback_Then_refused_and_untouched()
    {
        using var repo = Create();
        repo.Repo.Write(ReadbackPath, "# hand-written\n");
        var run = CliRunner.Run(repo.Root, "readback", "--sprint", Sprint);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.StartsWith($"{ReadbackPath}:1:1: error evidence_rewritten: ", run.Error, StringComparison.Ordinal);
        Assert.Equal("# hand-written\n", repo.Repo.Read(ReadbackPath));
    }

    [Fact]
    public void Given_no_budget_or_a_budget_that_does_not_verify_When_readback_Then_refused()
    {
        using var repo = Create();
        var none = CliRunner.Run(repo.Root, "readback", "--sprint", "2099-Q1-S01");
        Assert.Equal(ExitCodes.Blocked, none.ExitCode);
        Assert.Contains("error reference_broken: sprint 2099-Q1-S01 has no budget", none.Error, StringComparison.Ordinal);

        repo.Repo.Replace("evidence/deficiencies/def-0005.yaml", "severity: minor", "severity: cert_blocking");
        var broken = CliRunner.Run(repo.Root, "readback", "--sprint", Sprint);
        Assert.Equal(ExitCodes.Blocked, broken.ExitCode);
        Assert.StartsWith($"{BudgetPath}:12:3: error trend_board_snapshot_mismatch: ", broken.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Repo.PathOf(ReadbackPath)));
    }
}
