using System.Diagnostics;
using System.Text.Json.Nodes;
using EvidenceTasks.Cli;
using EvidenceTasks.Core.Attendance;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Cli;

public class BootstrapVerbTests
{
    private static TempEvidenceRepo CompletedReceipt() => Scribe.BundledWithReceipt();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string[] LogFiles(TempEvidenceRepo repo) =>
        Directory.GetFiles(repo.PathOf("evidence/mock-audit-logs")).Select(Path.GetFileName).Where(n => n!.Contains("q1-2027", StringComparison.Ordinal)).ToArray()!;

    [Fact]
    public void Given_a_completed_receipt_When_bootstrapped_Then_one_draft_log_pinned_to_the_slot_rubric_and_a_sealed_receipt()
    {
        using var repo = CompletedReceipt();
        var before = JsonNode.Parse(repo.Read(Scribe.ReceiptPath()))!.AsObject();
        var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", Scribe.AttendanceId);
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.StartsWith($"bootstrapped {Scribe.LogPath()} (draft, rubric mock_audit_rubric_v1, T-14 at 2027-01-14T22:02:00Z) from receipt {Scribe.AttendanceId}", run.Out, StringComparison.Ordinal);
        Assert.Equal(Scribe.DraftLog(), repo.Read(Scribe.LogPath()));

        // The one allowed rewrite of an authored file: exactly mock_audit_log_id and receipt_sha256 are added.
        var after = JsonNode.Parse(repo.Read(Scribe.ReceiptPath()))!.AsObject();
        Assert.Equal(Scribe.LogId, after["mock_audit_log_id"]!.GetValue<string>());
        Assert.Equal(ReceiptDocuments.Seal(after), after["receipt_sha256"]!.GetValue<string>());
        Assert.Contains(after["receipt_sha256"]!.GetValue<string>(), run.Out, StringComparison.Ordinal);
        var rest = after.DeepClone().AsObject();
        rest.Remove("mock_audit_log_id");
        rest.Remove("receipt_sha256");
        Assert.True(JsonNode.DeepEquals(before, rest));
        Assert.Empty(RuleHarness.GateErrors(repo));
    }

    [Fact]
    public void Given_a_bootstrapped_receipt_When_bootstrapped_again_Then_already_bootstrapped_exit_0_and_no_byte_changes()
    {
        using var repo = CompletedReceipt();
        CliRunner.Run(repo.Root, "bootstrap", "--attendance", Scribe.AttendanceId);
        var receipt = File.ReadAllBytes(repo.PathOf(Scribe.ReceiptPath()));
        var log = File.ReadAllBytes(repo.PathOf(Scribe.LogPath()));
        var stamp = File.GetLastWriteTimeUtc(repo.PathOf(Scribe.ReceiptPath()));

        var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", Scribe.AttendanceId);
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.StartsWith($"already bootstrapped: receipt {Scribe.AttendanceId} has log {Scribe.LogPath()}", run.Out, StringComparison.Ordinal);
        Assert.Equal(receipt, File.ReadAllBytes(repo.PathOf(Scribe.ReceiptPath())));
        Assert.Equal(log, File.ReadAllBytes(repo.PathOf(Scribe.LogPath())));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(repo.PathOf(Scribe.ReceiptPath())));
        Assert.Single(LogFiles(repo));
    }

    [Fact]
    public void Given_the_bundled_bootstrapped_receipts_When_bootstrapped_again_Then_nothing_changes()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        foreach (var id in new[] { "att-q4-2026-steam-us-t14", "att-q4-2026-steam-eu-t3" })
        {
            var before = repo.Read(EvidencePaths.Receipt(id));
            var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", id);
            Assert.Equal(ExitCodes.Clean, run.ExitCode);
            Assert.StartsWith("already bootstrapped:", run.Out, StringComparison.Ordinal);
            Assert.Equal(before, repo.Read(EvidencePaths.Receipt(id)));
        }
    }

    [Fact]
    public void Given_four_threads_When_they_bootstrap_the_same_receipt_at_once_Then_exactly_one_log_and_a_consistent_receipt()
    {
        using var repo = CompletedReceipt();
        using var start = new Barrier(4);
        var runs = new CliRunner.CliRun[4];
        var threads = Enumerable.Range(0, 4).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            runs[i] = CliRunner.Run(repo.Root, "bootstrap", "--attendance", Scribe.AttendanceId);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(runs, r => Assert.Equal(ExitCodes.Clean, r.ExitCode));
        Assert.Single(runs, r => r.Out.StartsWith("bootstrapped ", StringComparison.Ordinal));
        AssertOneLogAndSealedReceipt(repo);
    }

    [Fact]
    public void Given_two_processes_When_they_bootstrap_the_same_receipt_at_once_Then_exactly_one_log_and_a_consistent_receipt()
    {
        using var repo = CompletedReceipt();
        var dll = Path.Combine(AppContext.BaseDirectory, "EvidenceTasks.dll");
        var processes = Enumerable.Range(0, 2).Select(_ =>
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { dll, "bootstrap", "--root", repo.Root, "--attendance", Scribe.AttendanceId }) psi.ArgumentList.Add(a);
            return psi;
        }).Select(psi => Process.Start(psi)!).ToList();
        var outputs = processes.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToList();
        processes.ForEach(p => p.WaitForExit());

        Assert.All(processes, p => Assert.Equal(ExitCodes.Clean, p.ExitCode));
        var said = outputs.Select(o => o.Out.Result).ToList();
        Assert.Single(said, o => o.StartsWith("bootstrapped ", StringComparison.Ordinal));
        Assert.All(outputs, o => Assert.Empty(o.Err.Result));
        AssertOneLogAndSealedReceipt(repo);
        processes.ForEach(p => p.Dispose());
    }

    private static void AssertOneLogAndSealedReceipt(TempEvidenceRepo repo)
    {
        Assert.Equal([Path.GetFileName(Scribe.LogPath())], LogFiles(repo));
        Assert.Empty(Directory.GetFiles(repo.PathOf("evidence/mock-audit-logs"), "*.tmp"));
        Assert.Empty(Directory.GetFiles(repo.PathOf("evidence/attendance"), "*.tmp"));
        var receipt = JsonNode.Parse(repo.Read(Scribe.ReceiptPath()))!.AsObject();
        Assert.Equal(Scribe.LogId, receipt["mock_audit_log_id"]!.GetValue<string>());
        Assert.Equal(ReceiptDocuments.Seal(receipt), receipt["receipt_sha256"]!.GetValue<string>());
        Assert.Empty(RuleHarness.GateErrors(repo));
    }

    [Theory]
    [InlineData("scheduled", "Complete step 3 first")]
    [InlineData("cancelled", "A cancelled rehearsal never gets a mock audit log: reschedule it")]
    [InlineData("no_show", "A no_show rehearsal never gets a mock audit log: reschedule it")]
    public void Given_a_receipt_that_did_not_complete_When_bootstrapped_Then_one_orphan_line_exit_1_and_no_log(string status, string fix)
    {
        using var repo = Scribe.BundledWithReceipt(status);
        var before = repo.Read(Scribe.ReceiptPath());
        var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", Scribe.AttendanceId);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        var line = Assert.Single(Lines(run.Error));
        Assert.StartsWith($"{Scribe.ReceiptPath()}:{RuleHarness.LineOf(repo, Scribe.ReceiptPath(), "\"attendance_status\"")}:3: error mock_audit_log_orphan: cannot bootstrap a mock audit log from receipt {Scribe.AttendanceId}: attendance_status is {status}, not completed", line, StringComparison.Ordinal);
        Assert.Contains($"(fix: {fix}", line, StringComparison.Ordinal);
        Assert.Empty(LogFiles(repo));
        Assert.Equal(before, repo.Read(Scribe.ReceiptPath()));
    }

    [Fact]
    public void Given_signer_drift_When_bootstrapped_Then_attendance_roster_mismatch_and_no_log()
    {
        using var repo = CompletedReceipt();
        repo.Replace(Scribe.ReceiptPath(), "\"signer_id\": \"eng.carol\"", "\"signer_id\": \"eng.dan\"");
        var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", Scribe.AttendanceId);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        var line = Assert.Single(Lines(run.Error));
        Assert.StartsWith($"{Scribe.ReceiptPath()}:{RuleHarness.LineOf(repo, Scribe.ReceiptPath(), "eng.dan")}:7: error attendance_roster_mismatch: engineering_lead: backup eng.dan attended instead of bound signer eng.carol", line, StringComparison.Ordinal);
        Assert.Contains("(fix: Re-lock the roster first", line, StringComparison.Ordinal);
        Assert.Empty(LogFiles(repo));
    }

    [Fact]
    public void Given_a_duration_outside_75_to_120_minutes_When_bootstrapped_Then_refused()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        CliRunner.Run(repo.Root, "receipt", "new", "--slot", Scribe.Slot);
        repo.RecordStart().RecordEnd(end: "2027-01-14T23:16:59Z");
        var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", Scribe.AttendanceId);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains("error attendance_roster_mismatch: duration 74 min 59 s", Assert.Single(Lines(run.Error)), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_sealed_receipt_edited_afterwards_When_bootstrapped_Then_refused_without_resealing()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        const string path = "evidence/attendance/att-q4-2026-steam-us-t14.json";
        repo.Replace(path, "22:31:10Z", "22:31:11Z");
        var before = repo.Read(path);
        var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", "att-q4-2026-steam-us-t14");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains("error receipt_hash_mismatch:", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, repo.Read(path));
    }

    [Fact]
    public void Given_an_unknown_receipt_When_bootstrapped_Then_reference_broken()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", "att-nope");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Equal("evidence/attendance/att-nope.json:1:1: error reference_broken: no attendance receipt 'att-nope': evidence/attendance/att-nope.json does not exist (fix: Check the id (it is the file name without its extension).)",
            Assert.Single(Lines(run.Error)));
    }

    [Fact]
    public void Given_a_receipt_that_does_not_parse_When_bootstrapped_Then_its_own_finding_is_shown()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        repo.Write(Scribe.ReceiptPath(), "{\"attendance_id\": \"x\",\n\"attendance_id\": \"y\"}\n");
        var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", Scribe.AttendanceId);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.StartsWith($"{Scribe.ReceiptPath()}:2:1: error parse_error: duplicate key 'attendance_id'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_hand_written_log_already_naming_the_receipt_When_bootstrapped_Then_refused_one_log_per_receipt()
    {
        using var repo = CompletedReceipt();
        repo.Write("evidence/mock-audit-logs/log-by-hand.json", Scribe.DraftLog("log-by-hand"));
        var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", Scribe.AttendanceId);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.StartsWith("evidence/mock-audit-logs/log-by-hand.json:3:3: error mock_audit_log_orphan: log log-by-hand already names receipt", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.PathOf(Scribe.LogPath())));
    }

    [Fact]
    public void Given_the_roster_file_of_the_slot_cannot_be_read_When_bootstrapped_Then_refused_with_that_file_finding()
    {
        using var repo = CompletedReceipt();
        repo.ReplaceAfter("roster/slots/q1_2027_meta.yaml", Scribe.Slot, "roster_status: locked", "roster_status: locked\n    roster_status: locked");
        var run = CliRunner.Run(repo.Root, "bootstrap", "--attendance", Scribe.AttendanceId);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains("roster/slots/q1_2027_meta.yaml:", run.Error, StringComparison.Ordinal);
        Assert.Contains("error parse_error: duplicate key 'roster_status'", run.Error, StringComparison.Ordinal);
        Assert.Empty(LogFiles(repo));
    }
}
