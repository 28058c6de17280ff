using EvidenceTasks.Cli;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.History;

/// <summary>The history rules <c>gate</c> runs over the commits of HEAD when its root is a git repository.</summary>
public class HistoryRulesTests
{
    private const string AsOf = "2027-01-01T00:00:00Z";

    private static readonly string[] HistoryReasons = ["ics_exported_before_lock", "ics_uid_changed", "receipt_late"];

    private static List<GateRow> HistoryFindings(GitScenario s, params string[] extra) =>
        GateJson.Findings(CliRunner.Run(s.Root, ["gate", "--as-of", AsOf, "--format", "json", .. extra])).Where(f => HistoryReasons.Contains(f.Reason)).ToList();

    private static GitScenario DraftSlot()
    {
        var s = GitScenario.WithSamples();
        s.Files.Replace(GitScenario.Slots, "roster_status: locked", "roster_status: draft");
        return s;
    }

    /// <summary>The ICS hold is committed while its slot is draft; the slot is locked in a later commit.</summary>
    private static GitScenario ExportedBeforeLock(out LibGit2Sharp.Commit export)
    {
        var s = DraftSlot();
        s.Files.Write(GitScenario.Ics, GitScenario.IcsText(0));
        export = s.Commit("export before lock");
        s.Files.Replace(GitScenario.Slots, "roster_status: draft", "roster_status: locked");
        s.Commit("lock us_t14");
        return s;
    }

    [Fact]
    public void Given_an_ics_committed_while_its_slot_was_draft_When_the_slot_is_locked_later_Then_ics_exported_before_lock()
    {
        using var s = ExportedBeforeLock(out var export);

        var f = Assert.Single(HistoryFindings(s));
        Assert.Equal(("ics_exported_before_lock", "error", GitScenario.Ics, 1), (f.Reason, f.Severity, f.Path, f.Line));
        Assert.Contains($"committed in {export.Sha[..12]}", f.Message, StringComparison.Ordinal);
        Assert.Contains("when the slot was draft in roster/slots/w1.yaml", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_slot_locked_first_When_its_ics_is_exported_after_or_in_the_same_commit_Then_nothing()
    {
        using var s = DraftSlot();
        s.Commit("draft roster");
        s.Files.Replace(GitScenario.Slots, "roster_status: draft", "roster_status: locked").Write(GitScenario.Ics, GitScenario.IcsText(0));
        s.Commit("lock and export together");
        Assert.Empty(HistoryFindings(s));
    }

    [Fact]
    public void Given_an_export_before_lock_When_re_exported_after_the_lock_with_a_higher_sequence_Then_cleared()
    {
        using var s = ExportedBeforeLock(out _);
        Assert.Single(HistoryFindings(s));
        s.Files.Write(GitScenario.Ics, GitScenario.IcsText(1));
        s.Commit("re-export after the lock");
        Assert.Empty(HistoryFindings(s));
    }

    [Fact]
    public void Given_a_receipt_committed_49_hours_after_its_end_When_gated_Then_receipt_late_warning_at_actual_end()
    {
        using var s = GitScenario.WithSamples();
        var end = new DateTimeOffset(2027, 1, 15, 2, 28, 0, TimeSpan.Zero); // the sample's actual_end_utc
        var receipt = s.Files.Read(GitScenario.Receipt);
        s.Files.Delete(GitScenario.Receipt);
        s.Commit("roster and governance", end.AddDays(-10));
        s.MarkBase();
        s.Files.Write(GitScenario.Receipt, receipt);
        var late = s.Commit("receipt att-1", end.AddHours(49));

        var f = Assert.Single(HistoryFindings(s, "--base", "upstream"));
        Assert.Equal(("receipt_late", "warning", GitScenario.Receipt, s.LineOf(GitScenario.Receipt, "\"actual_end_utc\"")), (f.Reason, f.Severity, f.Path, f.Line));
        Assert.Contains($"first committed in {late.Sha[..12]} (2027-01-17T03:28:00Z), 49 h after actual_end_utc 2027-01-15T02:28:00Z", f.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Clean, CliRunner.Run(s.Root, "validate").ExitCode);
        // Once merged, the lateness is on record in the history and is not repeated on every later run.
        Assert.Empty(HistoryFindings(s));
    }

    [Fact]
    public void Given_a_receipt_committed_within_48_hours_and_edited_later_When_gated_Then_not_late()
    {
        using var s = GitScenario.WithSamples();
        var end = new DateTimeOffset(2027, 1, 15, 2, 28, 0, TimeSpan.Zero);
        var receipt = s.Files.Read(GitScenario.Receipt);
        s.Files.Delete(GitScenario.Receipt);
        s.Commit("roster and governance", end.AddDays(-10));
        s.MarkBase();
        s.Files.Write(GitScenario.Receipt, receipt);
        s.Commit("receipt on time", end.AddHours(48));
        s.SealReceipt().Commit("bootstrap seals it a week later", end.AddDays(7));
        Assert.Empty(HistoryFindings(s, "--base", "upstream"));
    }

    [Fact]
    public void Given_an_exported_slot_When_its_ics_uid_changes_Then_ics_uid_changed_at_the_slot()
    {
        using var s = GitScenario.WithSamples();
        s.Files.Write(GitScenario.Ics, GitScenario.IcsText(0));
        var export = s.Commit("lock and export");
        s.Files.Replace(GitScenario.Slots, "ics_uid: us_t14@cert.example", "ics_uid: us_t14-v2@cert.example");
        s.Commit("rename the UID");

        var f = Assert.Single(HistoryFindings(s));
        Assert.Equal(("ics_uid_changed", GitScenario.Slots, s.LineOf(GitScenario.Slots, "ics_uid:")), (f.Reason, f.Path, f.Line));
        Assert.Contains($"first exported with UID us_t14@cert.example in {export.Sha[..12]}", f.Message, StringComparison.Ordinal);

        s.Files.Write(GitScenario.Ics, GitScenario.IcsText(1, uid: "us_t14-v2@cert.example"));
        s.Commit("re-export under the new UID");
        var both = HistoryFindings(s);
        Assert.Equal([(GitScenario.Ics, 5), (GitScenario.Slots, s.LineOf(GitScenario.Slots, "ics_uid:"))], both.Select(x => (x.Path, x.Line)).Order());
        Assert.All(both, x => Assert.Equal("ics_uid_changed", x.Reason));
    }

    [Fact]
    public void Given_an_unexported_slot_When_its_ics_uid_changes_Then_nothing()
    {
        using var s = GitScenario.WithSamples();
        s.Commit("roster");
        s.Files.Replace(GitScenario.Slots, "ics_uid: us_t14@cert.example", "ics_uid: us_t14-v2@cert.example");
        s.Commit("rename the UID before any export");
        Assert.Empty(HistoryFindings(s));
    }

    [Fact]
    public void Given_a_plain_folder_When_gated_Then_no_history_rules_run()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(GitScenario.Slots, "roster_status: locked", "roster_status: draft").Write(GitScenario.Ics, GitScenario.IcsText(0));
        var run = CliRunner.Run(repo.Root, "gate", "--as-of", AsOf);
        Assert.DoesNotContain("ics_exported_before_lock", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_shallow_clone_When_gated_Then_history_rules_are_skipped_with_a_note()
    {
        using var s = ExportedBeforeLock(out _);
        using var clone = new TempEvidenceRepo();
        GitScenario.Git(clone.Root, "clone", "--quiet", "--depth", "1", new Uri(s.Root).AbsoluteUri, "c");
        var run = CliRunner.Run(Path.Combine(clone.Root, "c"), "gate", "--as-of", AsOf);
        Assert.Contains("history rules skipped", run.Error, StringComparison.Ordinal);
        Assert.Contains("shallow clone", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ics_exported_before_lock", run.Out, StringComparison.Ordinal);
    }
}
