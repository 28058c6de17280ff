using System.Collections.Immutable;
using EvidenceTasks.Core.History;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.History;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;
using NodaTime;

namespace EvidenceTasks.Tests.History;

/// <summary>
/// The history rules' facts kept between gate runs in <c>.git/evidence-tasks/history-facts/</c>: used only for the same
/// HEAD, asked-for paths and build; a damaged file is said in one line and worked out afresh; the report is the same.
/// </summary>
public class HistoryFactsFileTests
{
    private const string AsOf = "2027-01-01T00:00:00Z";

    /// <summary>An ICS hold exported while its slot was draft, the slot locked later, and a receipt added after that.</summary>
    private static GitScenario ExportedBeforeLock()
    {
        var s = GitScenario.WithSamples();
        var receipt = s.Files.Read(GitScenario.Receipt);
        s.Files.Delete(GitScenario.Receipt).Replace(GitScenario.Slots, "roster_status: locked", "roster_status: draft");
        s.Files.Write(GitScenario.Ics, GitScenario.IcsText(0));
        s.Commit("export before lock");
        s.Files.Replace(GitScenario.Slots, "roster_status: draft", "roster_status: locked");
        s.Commit("lock us_t14");
        s.Files.Write(GitScenario.Receipt, receipt);
        s.Commit("receipt");
        return s;
    }

    private static string Folder(GitScenario s) => HistoryFactsFile.FolderIn(Path.Combine(s.Root, ".git"));

    private static HistoryFacts Scan(GitScenario s, IReadOnlyCollection<string> firstCommittedOf)
    {
        using var history = GitEvidenceHistory.Open(s.Root)!;
        return HistoryScanner.Scan(history, history.Head!, firstCommittedOf, EvidenceLoader.Default, new LoadCache());
    }

    /// <summary>Every field of the facts, as text: records holding immutable arrays do not compare by content.</summary>
    private static string Render(HistoryFacts facts)
    {
        static string C(HistoryCommit? c) => c is null ? "-" : $"{c.Sha}:{string.Join(',', c.ParentShas)}:{c.AuthorName}:{c.AuthorEmail}:{c.AuthorTime}:{c.CommitTime}:{c.Subject}";
        return string.Join('\n', [
            C(facts.Head),
            .. facts.IcsExports.Select(e => $"{e.Path}|{e.CertWindowId}|{e.RosterSlotId}|{C(e.FirstExported)}|{e.FirstUid ?? "-"}|{C(e.HeadVersionCommitted)}|{e.SlotStatusWhenHeadVersionCommitted ?? "-"}"),
            .. facts.FirstCommitted.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {C(p.Value)}"),
        ]);
    }

    [Fact]
    public void Given_scanned_facts_When_kept_and_opened_Then_every_field_comes_back()
    {
        using var s = ExportedBeforeLock();
        string[] asked = [GitScenario.Receipt];
        var scanned = Scan(s, asked);
        Assert.NotEmpty(scanned.IcsExports);
        Assert.Single(scanned.FirstCommitted);

        HistoryFactsFile.Save(Folder(s), scanned, asked);
        var opened = HistoryFactsFile.Open(Folder(s), scanned.Head.Sha, asked, out var problem);

        Assert.Null(problem);
        Assert.Equal(Render(scanned), Render(opened!));
    }

    [Fact]
    public void Given_kept_facts_When_asked_for_another_head_or_other_paths_Then_none_and_no_problem()
    {
        using var s = ExportedBeforeLock();
        var scanned = Scan(s, []);
        HistoryFactsFile.Save(Folder(s), scanned, []);

        Assert.Null(HistoryFactsFile.Open(Folder(s), new string('0', 40), [], out var otherHead));
        Assert.Null(HistoryFactsFile.Open(Folder(s), scanned.Head.Sha, [GitScenario.Receipt], out var otherPaths));
        Assert.Null(otherHead);
        Assert.Null(otherPaths);
        Assert.NotNull(HistoryFactsFile.Open(Folder(s), scanned.Head.Sha, [], out _));
    }

    [Fact]
    public void Given_a_damaged_file_When_opened_Then_none_with_the_reason()
    {
        using var s = ExportedBeforeLock();
        var scanned = Scan(s, []);
        HistoryFactsFile.Save(Folder(s), scanned, []);
        var path = HistoryFactsFile.PathOf(Folder(s), scanned.Head.Sha, []);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x20;
        File.WriteAllBytes(path, bytes);

        Assert.Null(HistoryFactsFile.Open(Folder(s), scanned.Head.Sha, [], out var problem));
        Assert.Contains("seal does not match", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_more_heads_than_kept_When_saved_Then_only_the_most_recent_remain()
    {
        using var s = GitScenario.WithSamples();
        var folder = Folder(s);
        for (var i = 0; i <= HistoryFactsFile.Kept; i++)
        {
            var head = new HistoryCommit($"{i:x40}", [], "a", "a@example.com", Instant.FromUnixTimeSeconds(i), Instant.FromUnixTimeSeconds(i), "c");
            HistoryFactsFile.Save(folder, HistoryFacts.Empty(head), []);
            File.SetLastWriteTimeUtc(HistoryFactsFile.PathOf(folder, head.Sha, []), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i));
        }

        Assert.Equal(HistoryFactsFile.Kept, Directory.GetFiles(folder, "*.bin").Length);
        Assert.False(File.Exists(HistoryFactsFile.PathOf(folder, $"{0:x40}", [])));
    }

    [Fact]
    public void Given_a_history_finding_When_the_gate_runs_again_on_the_same_head_Then_it_reuses_the_facts_and_reports_the_same()
    {
        using var s = ExportedBeforeLock();
        var first = CliRunner.Run(s.Root, ["gate", "--as-of", AsOf, "--format", "json", "--timings"]);
        var second = CliRunner.Run(s.Root, ["gate", "--as-of", AsOf, "--format", "json", "--timings"]);

        Assert.Contains("ics_exported_before_lock", first.Out, StringComparison.Ordinal);
        Assert.Equal(first.Out, second.Out);
        Assert.Contains("timings: history facts: worked out and kept", first.Error, StringComparison.Ordinal);
        Assert.Contains("timings: history facts: reused", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_damaged_kept_file_When_gated_Then_one_line_says_so_and_the_report_is_unchanged()
    {
        using var s = ExportedBeforeLock();
        var clean = CliRunner.Run(s.Root, ["gate", "--as-of", AsOf, "--format", "json"]);
        var path = Assert.Single(Directory.GetFiles(Folder(s), "*.bin"));
        File.WriteAllText(path, "not facts");

        var run = CliRunner.Run(s.Root, ["gate", "--as-of", AsOf, "--format", "json"]);

        Assert.Equal(clean.Out, run.Out);
        var line = Assert.Single(run.Error.Split('\n'), l => l.Contains("history facts", StringComparison.Ordinal));
        Assert.Equal($"gate: the history facts {path} could not be read (not an evidence-tasks history facts file); working them out afresh", line);
        Assert.NotNull(HistoryFactsFile.Open(Folder(s), Scan(s, []).Head.Sha, [], out _)); // written afresh
    }

    [Fact]
    public void Given_no_cache_When_gated_Then_no_facts_are_kept()
    {
        using var s = ExportedBeforeLock();
        CliRunner.Run(s.Root, ["gate", "--as-of", AsOf, "--no-cache"]);
        Assert.False(Directory.Exists(Folder(s)));
    }
}
