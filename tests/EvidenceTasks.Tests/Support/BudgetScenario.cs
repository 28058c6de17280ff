using EvidenceTasks.Cli;

namespace EvidenceTasks.Tests.Support;

/// <summary>
/// A small repository whose board allocates something: a hot row on dimension 5 (4 windows, 1 cert-blocking), a
/// recurring-minor row on dimension 6 and an improving row on dimension 7 at <see cref="AsOf"/>, with budget
/// <see cref="Sprint"/> cut there by the real <c>allocate</c> verb (and optionally its readback).
/// </summary>
public static class BudgetScenario
{
    public const string AsOf = "2027-01-15T00:00:00Z";
    public const string Sprint = "2027-Q1-S01";
    public const string BudgetPath = "evidence/sprint-budgets/2027-Q1-S01.json";
    public const string ReadbackPath = "evidence/readbacks/2027-Q1-S01.md";

    public static TrendRepo Create(bool cut = true, bool readback = false)
    {
        var repo = new TrendRepo();
        repo.Recur(5, "replay_diff_epsilon_drift", TrendRepo.Windows(4, "2027-01-10T00:00:00Z"), certBlocking: 1);
        repo.Recur(6, "faq_unbound_readback", TrendRepo.Windows(4, "2027-01-11T00:00:00Z"));
        repo.Recur(7, "tuple_drift_unblocked", TrendRepo.Windows(4, "2026-11-01T00:00:00Z"));
        if (cut) Allocate(repo, Sprint, AsOf);
        if (readback) Readback(repo, Sprint);
        return repo;
    }

    public static CliRunner.CliRun Allocate(TrendRepo repo, string sprint, string asOf, string? note = null)
    {
        string[] args = ["allocate", "--sprint", sprint, "--approved-by", "governance_owner", "--as-of", asOf];
        var run = CliRunner.Run(repo.Root, note is null ? args : [.. args, "--variance-note", note]);
        Assert.True(run.ExitCode == ExitCodes.Clean, run.Out + run.Error);
        return run;
    }

    public static CliRunner.CliRun Readback(TrendRepo repo, string sprint)
    {
        var run = CliRunner.Run(repo.Root, "readback", "--sprint", sprint);
        Assert.True(run.ExitCode == ExitCodes.Clean, run.Out + run.Error);
        return run;
    }
}
