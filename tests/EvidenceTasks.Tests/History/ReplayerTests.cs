using Xunit.Abstractions;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using EvidenceTasks.Cli;
using EvidenceTasks.Core.Hashing;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.History;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;
using LibGit2Sharp;

namespace EvidenceTasks.Tests.History;

/// <summary>Partner replay over real histories: per-artifact verdicts, the failing commit and file, and memoisation by blob.</summary>
public class ReplayerTests(ITestOutputHelper output)
{
    private static readonly IRecordedHashRule[] ReceiptRule = [new TestReceiptHashRule()];

    private static ReplayResult Replay(GitScenario s, IEnumerable<IRecordedHashRule> rules, LoadCache? cache = null, string? from = null)
    {
        using var history = GitEvidenceHistory.Open(s.Root)!;
        var fromCommit = from is null ? null : history.Resolve(from);
        return new Replayer(EvidenceLoader.Default, rules).Run(history, history.Head!, fromCommit, cache ?? new LoadCache());
    }

    /// <summary>Two sealed receipts over five commits; <paramref name="tamper"/> makes commit 4 alter a hashed field of att-2.</summary>
    private static GitScenario TwoReceipts(bool tamper, out Commit tampered)
    {
        var s = GitScenario.WithSamples();
        s.SealReceipt().Commit("receipt att-1");
        var second = JsonNode.Parse(s.Files.Read(GitScenario.Receipt))!.AsObject();
        second["attendance_id"] = "att-2";
        second["receipt_sha256"] = Sha256Hex.OfCanonicalWithout(second, "receipt_sha256");
        s.Files.Write("evidence/attendance/att-2.json", EvidenceJson.Write(second));
        s.Commit("receipt att-2");
        s.Files.Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: major");
        s.Commit("reclassify def-1");
        tampered = tamper
            ? s.EditJson("evidence/attendance/att-2.json", "actual_end_utc", "2027-01-15T02:20:00Z").Commit("quietly fix att-2's end time")
            : s.Commit("empty commit");
        s.Files.Write("README.md", "not evidence\n");
        s.Commit("readme");
        return s;
    }

    [Fact]
    public void Given_a_clean_history_When_replayed_Then_every_artifact_passes_from_the_commit_that_introduced_it()
    {
        using var s = TwoReceipts(tamper: false, out _);
        var result = Replay(s, ReceiptRule);
        Assert.Equal(5, result.Commits);
        Assert.Equal(["evidence/attendance/att-1.json", "evidence/attendance/att-2.json", "evidence/manifests/w1_wk02.json", "evidence/sprint-budgets/2027-Q1-S01.json"],
            result.Artifacts.Select(a => a.Path));
        Assert.All(result.Artifacts, a => Assert.True(a.Passed));
        var att2 = result.Artifacts[1];
        Assert.Equal("receipt att-2", att2.Introduced.Subject);
        Assert.Equal((4, 4), (att2.CommitsPresent, att2.CommitsVerified));
        Assert.Equal("4 passed, 0 failed", result.SummaryLine);
        Assert.Equal(3, result.DistinctEvidenceTrees); // the empty commit and the README commit reuse verdicts
    }

    [Fact]
    public void Given_a_commit_that_alters_a_hashed_field_When_replayed_Then_that_commit_and_file_are_named()
    {
        using var s = TwoReceipts(tamper: true, out var tampered);
        var result = Replay(s, ReceiptRule);
        Assert.Equal("3 passed, 1 failed", result.SummaryLine);
        var failed = Assert.Single(result.Artifacts, a => !a.Passed);
        Assert.Equal("evidence/attendance/att-2.json", failed.Path);
        Assert.Equal(tampered.Sha, failed.FirstFailure!.Commit.Sha);
        Assert.Equal("receipt_hash_mismatch", failed.FirstFailure.Finding.Reason.Id);
        Assert.Equal("evidence/attendance/att-2.json", failed.FirstFailure.Finding.Location.Path);
        var sealLine = s.Files.Read("evidence/attendance/att-2.json").Split('\n').ToList().FindIndex(l => l.Contains("\"receipt_sha256\"", StringComparison.Ordinal)) + 1;
        Assert.Equal(sealLine, failed.FirstFailure.Finding.Location.Line);
        Assert.Equal((4, 2), (failed.CommitsPresent, failed.CommitsVerified)); // verified in its first two commits, failing from the tampering on
        Assert.Equal("receipt att-2", failed.Introduced.Subject);
    }

    [Fact]
    public void Given_a_tampered_history_When_replayed_from_after_the_tampering_Then_the_range_is_judged_alone()
    {
        using var s = TwoReceipts(tamper: true, out var tampered);
        var from = Replay(s, ReceiptRule, from: "HEAD");
        Assert.Equal(1, from.Commits);
        Assert.Equal("3 passed, 1 failed", from.SummaryLine); // att-2 still does not verify at HEAD
        var fromTampered = Replay(s, ReceiptRule, from: tampered.Sha);
        Assert.Equal(2, fromTampered.Commits);
    }

    [Fact]
    public void Given_the_cli_When_replayed_Then_artifact_lines_and_the_exact_summary_line_and_json_for_machines()
    {
        using var s = TwoReceipts(tamper: false, out _);
        var run = CliRunner.Run(s.Root, "replay");
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Equal("4 passed, 0 failed", run.OutLines[^1]);
        Assert.Contains(run.OutLines, l => l.StartsWith("passed evidence/attendance/att-2.json: introduced in ", StringComparison.Ordinal) && l.EndsWith("verifies at all 4 commits that contain it", StringComparison.Ordinal));
        Assert.StartsWith("replay: 5 commits up to ", run.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("replay: 5/5 commits", run.Error, StringComparison.Ordinal); // plain progress lines when not on a terminal

        var json = CliRunner.Run(s.Root, "replay", "--format", "json");
        var doc = JsonNode.Parse(json.Out)!;
        Assert.Equal(4, doc["passed"]!.GetValue<int>());
        Assert.Equal(0, doc["failed"]!.GetValue<int>());
        Assert.Equal(4, doc["artifacts"]!.AsArray().Count);
        Assert.Equal("passed", doc["artifacts"]![0]!["status"]!.GetValue<string>());
        Assert.EndsWith("4 passed, 0 failed\n", json.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "true", false)]
    [InlineData(false, null, false)]
    public void Given_a_terminal_or_ci_When_replayed_Then_a_bar_only_on_a_terminal_outside_ci(bool terminal, string? ci, bool bar)
    {
        using var s = TwoReceipts(tamper: false, out _);
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new Dictionary<string, string?> { ["CI"] = ci };
        var ctx = new CliContext(output, error, NodaTime.SystemClock.Instance, name => env.GetValueOrDefault(name), s.Root) { ErrorIsTerminal = terminal };
        Assert.Equal(ExitCodes.Clean, EvidenceCli.Run(["replay"], ctx));
        Assert.Equal(bar, error.ToString().Contains("\rreplay [##############################] 5/5 commits", StringComparison.Ordinal));
        Assert.Equal(!bar, error.ToString().Contains("replay: 5/5 commits" + Environment.NewLine, StringComparison.Ordinal));
        Assert.EndsWith("4 passed, 0 failed" + Environment.NewLine, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_unreadable_artifact_at_one_commit_When_replayed_by_the_cli_Then_exit_1_naming_the_commit_and_file()
    {
        using var s = TwoReceipts(tamper: false, out _);
        s.Files.Write("evidence/attendance/att-2.json", "{ not json");
        var broken = s.Commit("break att-2");
        var run = CliRunner.Run(s.Root, "replay");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        var line = Assert.Single(run.OutLines, l => l.StartsWith("failed ", StringComparison.Ordinal));
        Assert.Contains($"fails at {broken.Sha[..12]}", line, StringComparison.Ordinal);
        Assert.Contains("evidence/attendance/att-2.json:1:", line, StringComparison.Ordinal);
        Assert.Equal("3 passed, 1 failed", run.OutLines[^1]);
    }

    [Fact]
    public void Given_a_shallow_clone_When_replayed_Then_usage_error_saying_full_history_is_needed()
    {
        using var s = TwoReceipts(tamper: false, out _);
        using var clone = new TempEvidenceRepo();
        GitScenario.Git(clone.Root, "clone", "--quiet", "--depth", "1", new Uri(s.Root).AbsoluteUri, "c");
        var run = CliRunner.Run(Path.Combine(clone.Root, "c"), "replay");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("replay needs the full history", run.Error, StringComparison.Ordinal);
        Assert.Contains("git fetch --unshallow", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_plain_folder_or_bad_revision_When_replayed_Then_usage_error()
    {
        using var folder = KindSamples.WriteAll(new TempEvidenceRepo());
        Assert.Equal(ExitCodes.Usage, CliRunner.Run(folder.Root, "replay").ExitCode);
        using var s = TwoReceipts(tamper: false, out _);
        var run = CliRunner.Run(s.Root, "replay", "--from", "no-such-rev");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--from 'no-such-rev' names no commit", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_no_rule_list_When_a_replayer_is_built_Then_it_runs_exactly_the_gates_recorded_hash_rules()
    {
        Assert.Equal(GateRules.All.OfType<IRecordedHashRule>(), new Replayer(EvidenceLoader.Default).Rules);
        Assert.Equal(ReceiptRule, new Replayer(EvidenceLoader.Default, ReceiptRule).Rules);
    }

    [Fact]
    public void Given_a_generated_history_of_1000_commits_When_replayed_Then_each_distinct_blob_is_parsed_once()
    {
        using var s = GitScenario.Empty();
        var repo = s.Repo;
        var odb = repo.ObjectDatabase;
        var template = JsonNode.Parse(KindSamples.ValidFiles[GitScenario.Receipt])!.AsObject();
        // Build each commit's tree from three small definitions (attendance/, notes/, root) instead of re-reading the
        // whole tree: 1,000 commits are written straight into the object database in a few seconds, no checkout.
        var attendance = new TreeDefinition();
        var notes = new TreeDefinition();
        Tree? attendanceTree = null;
        Tree? notesTree = null;
        Commit? parent = null;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            if (i % 10 == 9)
            {
                // Outside the evidence: this commit's evidence equals its parent's.
                notes.Add("log.txt", odb.CreateBlob(new MemoryStream(Encoding.UTF8.GetBytes($"note {i}\n"))), Mode.NonExecutableFile);
                notesTree = odb.CreateTree(notes);
            }
            else
            {
                var id = $"att-{i % 40}";
                var receipt = template.DeepClone().AsObject();
                receipt["attendance_id"] = id;
                receipt["actual_end_utc"] = $"2027-01-15T02:{i / 60 % 60:00}:{i % 60:00}Z";
                receipt["receipt_sha256"] = Sha256Hex.OfCanonicalWithout(receipt, "receipt_sha256");
                attendance.Add($"{id}.json", odb.CreateBlob(new MemoryStream(EvidenceJson.WriteUtf8(receipt))), Mode.NonExecutableFile);
                attendanceTree = odb.CreateTree(attendance);
            }
            var evidence = new TreeDefinition();
            if (attendanceTree is not null) evidence.Add("attendance", attendanceTree);
            var root = new TreeDefinition();
            if (attendanceTree is not null) root.Add("evidence", odb.CreateTree(evidence));
            if (notesTree is not null) root.Add("notes", notesTree);
            var sig = TempEvidenceRepo.Signer(TempEvidenceRepo.FixedDate.AddMinutes(i));
            parent = odb.CreateCommit(sig, sig, $"commit {i}", odb.CreateTree(root), parent is null ? [] : [parent], false);
        }
        repo.Refs.Add(repo.Refs.Head.TargetIdentifier, parent!.Id, allowOverwrite: true);

        // Count the distinct (path, blob) pairs under the evidence roots independently of the code under test.
        var distinct = new HashSet<(string, string)>();
        foreach (var c in repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = parent }))
            if (c.Tree["evidence/attendance"]?.Target is Tree folder)
                foreach (var e in folder) distinct.Add(("evidence/attendance/" + e.Name, e.Target.Sha));

        var generated = stopwatch.Elapsed;
        var cache = new LoadCache();
        var result = Replay(s, ReceiptRule, cache);
        stopwatch.Stop();

        Assert.Equal(1000, result.Commits);
        Assert.Equal(900, distinct.Count);
        Assert.Equal(distinct.Count, cache.Misses);
        Assert.Equal(distinct.Count, result.BlobsParsed);
        Assert.Equal(900, result.DistinctEvidenceTrees);
        Assert.Equal("36 passed, 0 failed", result.SummaryLine); // ids att-9, -19, -29, -39 fall on the note commits
        // Cost is asserted by counts (each distinct blob parsed once), never by wall time: timings live in docs/performance.md.
        output.WriteLine($"replay: generating 1,000 commits took {generated}, replaying them {stopwatch.Elapsed - generated}");
    }
}
