using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.History;

/// <summary>The job summary of <c>gate --base</c> says what a pull request changes in the trend board and the budget.</summary>
public class BoardImpactSummarizerTests
{
    private const string AsOf = "2026-11-23T12:00:00Z";

    private static string Summary(TempEvidenceRepo repo)
    {
        var path = Path.Combine(Path.GetTempPath(), "evidence-summary-" + Guid.NewGuid().ToString("n") + ".md");
        try
        {
            CliRunner.Run(repo.Root, new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = path }, "gate", "--base", "upstream", "--as-of", AsOf, "--format", "text");
            return File.ReadAllText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The bundled evidence on <c>upstream</c>, and a pull request that files def-0100 (a copy of def-0001 with <paramref name="tag"/>).</summary>
    private static TempEvidenceRepo PullRequestFilingATicket(string tag)
    {
        var repo = TempEvidenceRepo.WithBundledEvidence();
        using var git = repo.InitGit();
        repo.Commit(git, "bundled evidence");
        git.Branches.Add("upstream", git.Head.Tip);
        repo.Write("evidence/deficiencies/def-0100.yaml", repo.Read("evidence/deficiencies/def-0001.yaml")
            .Replace("deficiency_id: def-0001", "deficiency_id: def-0100", StringComparison.Ordinal)
            .Replace("failure_mode_tag: replay_diff_epsilon_drift", "failure_mode_tag: " + tag, StringComparison.Ordinal));
        repo.Commit(git, "file def-0100", TempEvidenceRepo.FixedDate.AddMinutes(5));
        return repo;
    }

    [Fact]
    public void Given_a_pull_request_that_adds_a_ticket_When_gated_with_base_Then_the_summary_shows_the_board_row_and_hash_change()
    {
        using var repo = PullRequestFilingATicket("parser_pin_stale");

        var md = Summary(repo);
        Assert.Contains("### Trend board and hardening budget", md, StringComparison.Ordinal);
        Assert.Contains("the snapshot hash moves from", md, StringComparison.Ordinal);
        Assert.Matches(@"\| 5 \| `parser_pin_stale` \| — \| stable \(1 events, 1 windows, 1 cert-blocking\) \|", md);
    }

    [Fact]
    public void Given_a_pull_request_When_gated_as_markdown_or_as_text_Then_only_markdown_prints_the_impact_and_both_verdicts_agree()
    {
        // The impact is worked out only when an output shows it (Markdown, or a job summary): text must not need it.
        using var repo = PullRequestFilingATicket("replay_diff_epsilon_drift");

        var markdown = CliRunner.Run(repo.Root, "gate", "--base", "upstream", "--as-of", AsOf, "--format", "markdown");
        var text = CliRunner.Run(repo.Root, "gate", "--base", "upstream", "--as-of", AsOf, "--format", "text");

        Assert.Contains("### Trend board and hardening budget", markdown.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Trend board and hardening budget", text.Out, StringComparison.Ordinal);
        Assert.Equal(markdown.ExitCode, text.ExitCode);
    }

    [Fact]
    public void Given_a_pull_request_that_changes_no_scored_evidence_When_gated_with_base_Then_the_board_is_unchanged()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        using var git = repo.InitGit();
        repo.Commit(git, "bundled evidence");
        git.Branches.Add("upstream", git.Head.Tip);
        repo.Write("evidence/carve-outs/co-0002.yaml", repo.Read("evidence/carve-outs/co-0001.yaml").Replace("co-0001", "co-0002", StringComparison.Ordinal));
        repo.Commit(git, "add a carve-out", TempEvidenceRepo.FixedDate.AddMinutes(5));

        Assert.Contains("The trend board at as_of 2026-11-23T12:00:00Z is unchanged", Summary(repo), StringComparison.Ordinal);
    }
}
