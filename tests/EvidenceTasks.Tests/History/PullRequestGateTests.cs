using System.Text.Json.Nodes;
using EvidenceTasks.Cli;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.History;

/// <summary><c>gate --base</c>: merged evidence is append-only, over real repositories with a base branch and pull request commits.</summary>
public class PullRequestGateTests
{
    private const string AsOf = "2027-01-01T00:00:00Z";

    private static (CliRunner.CliRun Run, List<GateRow> Findings) Gate(GitScenario s)
    {
        var run = CliRunner.Run(s.Root, "gate", "--base", "upstream", "--as-of", AsOf, "--format", "json");
        return (run, GateJson.Findings(run));
    }

    private static List<GateRow> Rewritten(GitScenario s) => Gate(s).Findings.Where(f => f.Reason == "evidence_rewritten").ToList();

    /// <summary>The samples (after <paramref name="prepare"/>) committed and marked as the pull request's base.</summary>
    private static GitScenario Merged(Action<GitScenario>? prepare = null)
    {
        var s = GitScenario.WithSamples();
        prepare?.Invoke(s);
        s.Commit("Merged evidence");
        s.MarkBase();
        return s;
    }

    private static GitScenario SealedBase() => Merged(s => s.SealReceipt());

    [Fact]
    public void Given_a_merged_sealed_receipt_When_a_pull_request_edits_a_field_Then_evidence_rewritten_at_that_field()
    {
        using var s = SealedBase();
        s.EditJson(GitScenario.Receipt, "actual_end_utc", "2027-01-15T02:29:00Z").Commit("Fix the end time");
        var (run, findings) = Gate(s);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        var f = Assert.Single(findings, f => f.Reason == "evidence_rewritten");
        Assert.Equal(GitScenario.Receipt, f.Path);
        Assert.Equal(s.LineOf(GitScenario.Receipt, "\"actual_end_utc\""), f.Line);
        Assert.Contains("changes actual_end_utc", f.Message, StringComparison.Ordinal);
        Assert.Contains("sealed receipt", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_merged_sealed_receipt_When_a_pull_request_deletes_it_Then_evidence_rewritten_at_line_1()
    {
        using var s = SealedBase();
        s.Files.Delete(GitScenario.Receipt);
        s.Commit("Remove the receipt");
        var f = Assert.Single(Rewritten(s));
        Assert.Equal((GitScenario.Receipt, 1), (f.Path, f.Line));
        Assert.Contains("is deleted", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_merged_unsealed_receipt_When_bootstrap_seals_it_Then_allowed()
    {
        using var s = Merged(s => s.UnsealReceipt()); // a completed receipt, not yet bootstrapped
        s.SealReceipt().Commit("bootstrap: seal receipt att-1");
        Assert.Empty(Rewritten(s));
    }

    [Fact]
    public void Given_a_merged_scored_log_When_a_score_changes_Then_evidence_rewritten_but_a_draft_may_become_scored()
    {
        using var s = Merged(); // a draft log
        s.EditJson(GitScenario.Log, "status", "scored")
            .EditJson(GitScenario.Log, "scores", new JsonObject { ["1"] = 3, ["2"] = 4, ["3"] = 2, ["4"] = 4, ["5"] = 1, ["6"] = 3, ["7"] = 4 })
            .EditJson(GitScenario.Log, "weighted_score", 71.25)
            .EditJson(GitScenario.Log, "pass_bit", false)
            .Commit("score log-1");
        Assert.Empty(Rewritten(s));

        s.MarkBase(); // the scored log is merged
        s.EditJson(GitScenario.Log, "scores", new JsonObject { ["1"] = 4, ["2"] = 4, ["3"] = 2, ["4"] = 4, ["5"] = 1, ["6"] = 3, ["7"] = 4 }).Commit("rescore");
        var f = Assert.Single(Rewritten(s));
        Assert.Equal(GitScenario.Log, f.Path);
        Assert.Equal(s.LineOf(GitScenario.Log, "\"scores\""), f.Line);
        Assert.Contains("scored mock-audit log", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_merged_passing_log_When_a_cert_blocking_ticket_is_filed_Then_rescoring_its_pass_bit_is_allowed_but_toggling_it_is_not()
    {
        using var s = Merged(); // a draft log
        s.EditJson(GitScenario.Log, "status", "scored")
            .EditJson(GitScenario.Log, "scores", new JsonObject { ["1"] = 4, ["2"] = 4, ["3"] = 4, ["4"] = 4, ["5"] = 4, ["6"] = 4, ["7"] = 4 })
            .EditJson(GitScenario.Log, "weighted_score", 100)
            .EditJson(GitScenario.Log, "pass_bit", true);
        s.Files.Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: minor");
        s.Commit("score log-1: passes");
        s.MarkBase();

        // A cert_blocking ticket arrives later; `score` recomputes pass_bit to false: allowed.
        s.Files.Replace("evidence/deficiencies/def-1.yaml", "severity: minor", "severity: cert_blocking");
        s.EditJson(GitScenario.Log, "pass_bit", false).Commit("cert_blocking ticket; re-score log-1");
        Assert.Empty(Rewritten(s));

        // Toggling pass_bit against what the scores and tickets compute is still a rewrite.
        s.MarkBase();
        s.EditJson(GitScenario.Log, "pass_bit", true).Commit("toggle");
        Assert.Equal(GitScenario.Log, Assert.Single(Rewritten(s)).Path);
    }

    [Fact]
    public void Given_a_merged_manifest_When_it_changes_without_a_roster_change_Then_evidence_rewritten_but_a_relock_may_regenerate_it()
    {
        using var s = Merged();
        s.EditJson(GitScenario.Manifest, "publish_tuple_hash", "ffffff").Commit("hand edit");
        var f = Assert.Single(Rewritten(s));
        Assert.Equal(GitScenario.Manifest, f.Path);
        Assert.Equal(s.LineOf(GitScenario.Manifest, "\"publish_tuple_hash\""), f.Line);
        Assert.Contains("no roster slot of w1_wk02 changed", f.Message, StringComparison.Ordinal);

        // The same manifest change in a pull request that re-locks the week's roster (a promoted tuple) is allowed.
        s.Files.Replace(GitScenario.Slots, "publish_tuple_hash: a1b2c3", "publish_tuple_hash: ffffff")
            .Replace("roster/handoff_weeks/w1_wk02.yaml", "active_publish_tuple_hash: a1b2c3", "active_publish_tuple_hash: ffffff");
        s.Commit("re-lock w1_wk02 on the promoted tuple");
        Assert.Empty(Rewritten(s));
    }

    [Fact]
    public void Given_a_merged_manifest_When_deleted_even_with_a_relock_Then_evidence_rewritten()
    {
        using var s = Merged();
        s.Files.Replace(GitScenario.Slots, "publish_tuple_hash: a1b2c3", "publish_tuple_hash: ffffff").Delete(GitScenario.Manifest);
        s.Commit("re-lock and drop the manifest");
        var f = Assert.Single(Rewritten(s));
        Assert.Equal((GitScenario.Manifest, 1), (f.Path, f.Line));
    }

    [Fact]
    public void Given_a_merged_budget_and_readback_When_edited_Then_both_are_evidence_rewritten()
    {
        using var s = Merged(s => s.Files.Write("evidence/readbacks/2027-Q1-S01.md", "# Readback 2027-Q1-S01\n\nLane shares as allocated.\n"));
        s.EditJson(GitScenario.Budget, "approved_by", "someone_else");
        s.Files.Write("evidence/readbacks/2027-Q1-S01.md", "# Readback 2027-Q1-S01\n\nLane shares as we now remember them.\n");
        s.Commit("edit budget and readback");
        var findings = Rewritten(s);
        Assert.Equal(
            [("evidence/readbacks/2027-Q1-S01.md", 3), (GitScenario.Budget, s.LineOf(GitScenario.Budget, "\"approved_by\""))],
            findings.Select(f => (f.Path, f.Line)));
    }

    [Fact]
    public void Given_a_merged_ics_hold_When_re_exported_with_a_higher_sequence_Then_allowed_and_without_it_evidence_rewritten()
    {
        using var s = Merged(s => s.Files.Write(GitScenario.Ics, GitScenario.IcsText(0)));
        s.Files.Write(GitScenario.Ics, GitScenario.IcsText(0, summary: "[rubric_v9] T-14 tabletop (moved)"));
        s.Commit("hand-edit the hold");
        var f = Assert.Single(Rewritten(s));
        Assert.Equal((GitScenario.Ics, 8), (f.Path, f.Line));
        Assert.Contains("without raising SEQUENCE (0 at the merge base, 0 now)", f.Message, StringComparison.Ordinal);

        s.Files.Write(GitScenario.Ics, GitScenario.IcsText(1, summary: "[rubric_v9] T-14 tabletop (moved)"));
        s.Commit("re-export with SEQUENCE 1");
        Assert.Empty(Rewritten(s));
    }

    [Fact]
    public void Given_evidence_the_pull_request_adds_or_guarded_kinds_it_does_not_touch_Then_nothing_is_rewritten()
    {
        using var s = SealedBase();
        s.Files.Write("evidence/carve-outs/co-2.yaml", s.Files.Read("evidence/carve-outs/co-1.yaml").Replace("co-1", "co-2", StringComparison.Ordinal))
            .Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: major");
        s.Commit("add a carve-out, reclassify a ticket");
        Assert.Empty(Rewritten(s));
    }

    [Fact]
    public void Given_the_base_moved_on_after_branching_When_gated_Then_only_changes_since_the_merge_base_count()
    {
        using var s = SealedBase();
        s.EditJson(GitScenario.Budget, "approved_by", "pr_author").Commit("pull request edits the budget");
        // Upstream later edits the sealed receipt itself; that is not this pull request's change.
        var baseTip = s.Repo.Branches["upstream"].Tip;
        var edited = s.Repo.ObjectDatabase.CreateBlob(new MemoryStream("{}\n"u8.ToArray()));
        var tree = LibGit2Sharp.TreeDefinition.From(baseTip).Add(GitScenario.Receipt, edited, LibGit2Sharp.Mode.NonExecutableFile);
        var sig = TempEvidenceRepo.Signer(TempEvidenceRepo.FixedDate.AddDays(3));
        var upstream = s.Repo.ObjectDatabase.CreateCommit(sig, sig, "upstream moves on", s.Repo.ObjectDatabase.CreateTree(tree), [baseTip], false);
        s.Repo.Refs.UpdateTarget("refs/heads/upstream", upstream.Sha);

        var f = Assert.Single(Rewritten(s));
        Assert.Equal(GitScenario.Budget, f.Path);
    }

    [Fact]
    public void Given_findings_in_touched_and_untouched_files_When_gated_with_base_Then_touched_files_come_first_and_json_keeps_all()
    {
        // file_rejected, the most important reason, in a file the pull request does not touch
        using var s = Merged(s => s.SealReceipt().Files.Write("governance/notes.yml", "not: evidence\n"));
        s.EditJson(GitScenario.Receipt, "scribe_signer_id", "eng.dan").Commit("edit sealed receipt");

        var text = CliRunner.Run(s.Root, "gate", "--base", "upstream", "--as-of", AsOf, "--format", "text");
        Assert.Equal(ExitCodes.Blocked, text.ExitCode);
        var lines = text.OutLines;
        var touched = Array.FindIndex(lines, l => l.StartsWith(GitScenario.Receipt + ":", StringComparison.Ordinal) && l.Contains("evidence_rewritten", StringComparison.Ordinal));
        var untouched = Array.FindIndex(lines, l => l.StartsWith("governance/notes.yml:1:1: error file_rejected", StringComparison.Ordinal));
        Assert.True(touched >= 0 && untouched > touched, text.Out);

        var plain = CliRunner.Run(s.Root, "gate", "--as-of", AsOf, "--format", "text").OutLines;
        Assert.True(Array.FindIndex(plain, l => l.Contains("file_rejected", StringComparison.Ordinal)) == 0, "without --base the registry order holds");

        var (_, findings) = Gate(s);
        Assert.Contains(findings, f => f.Reason == "file_rejected");
        Assert.Contains(findings, f => f.Reason == "evidence_rewritten");
    }

    [Fact]
    public void Given_a_step_summary_When_gated_with_base_Then_it_lists_what_the_pull_request_changes()
    {
        using var s = SealedBase();
        s.Files.Write("evidence/carve-outs/co-2.yaml", s.Files.Read("evidence/carve-outs/co-1.yaml").Replace("co-1", "co-2", StringComparison.Ordinal));
        s.Commit("add a carve-out");
        var summary = Path.Combine(s.Root, "..", Guid.NewGuid().ToString("n") + ".md");
        try
        {
            CliRunner.Run(s.Root, new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary }, "gate", "--base", "upstream", "--as-of", AsOf, "--format", "text");
            var md = File.ReadAllText(summary);
            Assert.Contains("### Evidence this pull request changes", md, StringComparison.Ordinal);
            Assert.Contains("| added | `evidence/carve-outs/co-2.yaml` |", md, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(summary);
        }
    }

    [Fact]
    public void Given_a_plain_folder_When_gated_with_base_Then_usage_error_2()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        var run = CliRunner.Run(repo.Root, "gate", "--base", "main", "--as-of", AsOf);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--base needs a git repository", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Given_an_unknown_base_ref_When_gated_Then_usage_error_2_naming_it()
    {
        using var s = SealedBase();
        var run = CliRunner.Run(s.Root, "gate", "--base", "origin/nowhere", "--as-of", AsOf);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--base 'origin/nowhere' names no commit", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_validate_When_base_is_passed_Then_it_is_not_an_option_of_validate()
    {
        using var s = SealedBase();
        Assert.Equal(ExitCodes.Usage, CliRunner.Run(s.Root, "validate", "--base", "upstream").ExitCode);
    }
}
