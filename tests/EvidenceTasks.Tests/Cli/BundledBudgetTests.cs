using EvidenceTasks.Cli;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Budgets;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Cli;

/// <summary>The bundled example budget and readback (sprint 2026-Q4-S06) verify, and the repository passes its gate at any date.</summary>
public class BundledBudgetTests
{
    [Theory]
    [InlineData("2026-01-01T00:00:00Z")]
    [InlineData("2026-11-23T00:00:00Z")]
    [InlineData("2027-01-20T00:00:00Z")]
    [InlineData("2027-06-20T00:00:00Z")] // co-0001 expires within 14 days: a warning, not a block
    [InlineData("2031-01-01T00:00:00Z")]
    public void Given_the_bundled_evidence_When_gated_at_any_date_Then_nothing_blocks(string asOf)
    {
        var run = CliRunner.Run(TempEvidenceRepo.RepositoryRoot, "gate", "--as-of", asOf);
        Assert.True(run.ExitCode == ExitCodes.Clean, run.Out + run.Error);
    }

    [Fact]
    public void Given_the_bundled_budget_When_verified_Then_its_hash_recomputes_from_the_repository_and_its_readback_is_current()
    {
        var evidence = EvidenceLoader.Default.Load(TempEvidenceRepo.RepositoryRoot).Evidence;
        var budget = Assert.Single(evidence.SprintBudgets, b => b.SprintId == "2026-Q4-S06");
        Assert.Equal(Timestamps.Parse("2026-11-23T00:00:00Z"), budget.AsOf);
        Assert.Equal(BudgetVerdict.Verified, BudgetVerification.Of(evidence, budget).Verdict);
        Assert.Contains(evidence.Readbacks, r => r.SprintId == "2026-Q4-S06");

        using var copy = TempEvidenceRepo.WithBundledEvidence();
        var again = CliRunner.Run(copy.Root, "readback", "--sprint", "2026-Q4-S06");
        Assert.True(again.ExitCode == ExitCodes.Clean, again.Out + again.Error);
        Assert.Contains("unchanged", again.Out, StringComparison.Ordinal);
        Assert.Contains("unchanged", CliRunner.Run(copy.Root, "allocate", "--sprint", "2026-Q4-S06", "--approved-by", "governance_owner", "--as-of", "2026-11-23T00:00:00Z").Out, StringComparison.Ordinal);
    }
}
