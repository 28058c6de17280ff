using System.Text.Json.Nodes;
using EvidenceTasks.Cli;
using EvidenceTasks.Core.Attendance;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Cli;

/// <summary>Lesson 182's verification checklist, one test per item (plus Lesson 186's "bootstrap rejects signer drift").</summary>
public class Lesson182ChecklistTests
{
    private const string AsOf = "2026-11-23T12:00:00Z";

    private static TempEvidenceRepo CompletedAndBootstrapped() => Scribe.BundledBootstrapped();

    private static string Gate(TempEvidenceRepo repo, out int exit)
    {
        var run = CliRunner.Run(repo.Root, "gate", "--as-of", AsOf);
        exit = run.ExitCode;
        return run.Out;
    }

    [Fact]
    public void Checklist_1_Given_a_completed_rehearsal_Then_it_has_an_attendance_receipt_keyed_to_its_ics_uid()
    {
        using var repo = CompletedAndBootstrapped();
        var evidence = EvidenceLoader.Default.Load(repo.Root).Evidence;
        var receipt = evidence.ReceiptsById[Scribe.AttendanceId];
        Assert.Equal("completed", receipt.AttendanceStatus);
        Assert.Equal("us_t14_2027_01_14@cert.studio.example", receipt.IcsUid);
        Assert.Equal(Scribe.Slot, ReceiptChecks.SlotOf(receipt, evidence)!.RosterSlotId);

        // No receipt, no log: bootstrap names the missing receipt.
        var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", "att-never-written");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains("error reference_broken: no attendance receipt 'att-never-written'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Checklist_2_Given_a_bootstrapped_log_Then_its_attendance_id_is_populated_and_a_log_without_one_blocks()
    {
        using var repo = CompletedAndBootstrapped();
        Assert.Equal(Scribe.AttendanceId, JsonNode.Parse(repo.Read(Scribe.LogPath()))!["attendance_id"]!.GetValue<string>());
        Gate(repo, out var exit);
        Assert.Equal(ExitCodes.Clean, exit);

        repo.Replace(Scribe.LogPath(), $"  \"attendance_id\": \"{Scribe.AttendanceId}\",\n", string.Empty);
        var output = Gate(repo, out exit);
        Assert.Equal(ExitCodes.Blocked, exit);
        Assert.Contains($"{Scribe.LogPath()}:2:3: error mock_audit_log_orphan: log {Scribe.LogId} has no attendance_id", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Checklist_3_Given_attendance_not_completed_Then_bootstrap_refuses_and_a_log_written_anyway_blocks()
    {
        using var repo = Scribe.BundledWithReceipt("scheduled");
        var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", Scribe.AttendanceId);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains("error mock_audit_log_orphan: cannot bootstrap a mock audit log from receipt", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.PathOf(Scribe.LogPath())));

        repo.Write(Scribe.LogPath(), Scribe.DraftLog());
        var output = Gate(repo, out var exit);
        Assert.Equal(ExitCodes.Blocked, exit);
        Assert.Contains($"{Scribe.LogPath()}:3:3: error mock_audit_log_orphan: receipt {Scribe.AttendanceId} is scheduled, not completed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Checklist_4_Given_a_bootstrapped_receipt_Then_the_evidence_folder_holds_it_with_a_sha256_that_replays()
    {
        using var repo = CompletedAndBootstrapped();
        var receipt = JsonNode.Parse(File.ReadAllText(repo.PathOf(Scribe.ReceiptPath())))!.AsObject();
        var recorded = receipt["receipt_sha256"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{64}$", recorded);
        Assert.Equal(ReceiptDocuments.Seal(receipt), recorded);

        // A sealed receipt cannot lose its seal or change silently.
        repo.Replace(Scribe.ReceiptPath(), "23:29:30Z", "23:29:31Z");
        var output = Gate(repo, out var exit);
        Assert.Equal(ExitCodes.Blocked, exit);
        Assert.Contains($"{Scribe.ReceiptPath()}:{RuleHarness.LineOf(repo, Scribe.ReceiptPath(), "\"receipt_sha256\"")}:3: error receipt_hash_mismatch:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Checklist_5_Given_a_scored_log_Then_its_window_is_among_those_the_lesson_173_view_counts()
    {
        // Lesson 173's view counts scored logs only, by cert_window_id and rehearsal_dt_utc (the board itself is built on this set).
        using var repo = CompletedAndBootstrapped();
        static string[] ScoredWindows(string root) =>
            EvidenceLoader.Default.Load(root).Evidence.Logs.Where(l => l.IsScored).Select(l => l.CertWindowId).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.DoesNotContain("q1_2027_meta", ScoredWindows(repo.Root));

        Assert.Equal(ExitCodes.Clean, CliRunner.Run(repo.Root, "score", "--log", Scribe.LogId, "--scores", "1=3,2=4,3=3,4=3,5=2,6=3,7=4").ExitCode);
        Assert.Contains("q1_2027_meta", ScoredWindows(repo.Root));
        var log = EvidenceLoader.Default.Load(repo.Root).Evidence.LogsById[Scribe.LogId];
        Assert.Equal("2027-01-14T22:02:00Z", EvidenceTasks.Core.Timestamps.Format(log.RehearsalDtUtc));
    }

    [Fact]
    public void Checklist_6_Given_a_deliberate_orphan_log_Then_the_publish_gate_fires()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        const string orphan = "evidence/mock-audit-logs/log-deliberate-orphan.json";
        repo.Write(orphan, """
            {
              "mock_audit_id": "log-deliberate-orphan",
              "cert_window_id": "q4_2026_steam",
              "rubric_version": "mock_audit_rubric_v1",
              "rehearsal_kind": "T-14",
              "rehearsal_dt_utc": "2026-10-22T21:02:30Z",
              "status": "draft"
            }

            """);
        var run = CliRunner.Run(repo.Root, "gate", "--as-of", AsOf);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        // Only the orphan blocks; the summary counts exactly that one error (file totals change as the example grows).
        Assert.Equal(
            $"{orphan}:2:3: error mock_audit_log_orphan: log log-deliberate-orphan has no attendance_id: mock_audit_log requires attendance_id (fix: Complete step 3 first: commit a completed, roster-matching receipt and create the log with `bootstrap --attendance <id>`; never write a log by hand.)",
            Assert.Single(run.OutLines, l => l.Contains(": error ", StringComparison.Ordinal)));
        Assert.Matches(@"^gate: blocked at as_of 2026-11-23T12:00:00Z over \d+ files: 1 error, ", run.OutLines[^1]);
    }

    [Fact]
    public void Lesson_186_Given_signer_drift_Then_attendance_bootstrap_rejects_it()
    {
        using var repo = Scribe.BundledWithReceipt();
        repo.Replace(Scribe.ReceiptPath(), "\"signer_id\": \"ceo.bob\"", "\"signer_id\": \"eu.eva\"");
        var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", Scribe.AttendanceId);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains("error attendance_roster_mismatch: governance_owner: expected bound signer ceo.bob of slot us_t14_2027_01_14, got eu.eva", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.PathOf(Scribe.LogPath())));
    }
}
