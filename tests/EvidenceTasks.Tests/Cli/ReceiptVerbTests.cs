using EvidenceTasks.Cli;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Cli;

public class ReceiptVerbTests
{
    [Fact]
    public void Given_a_locked_slot_When_receipt_new_Then_the_roster_is_copied_and_only_times_and_status_are_left()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        var run = CliRunner.Run(repo.Root, "receipt", "new", "--slot", Scribe.Slot);
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.StartsWith($"created {Scribe.ReceiptPath()} for slot {Scribe.Slot} (ics_uid us_t14_2027_01_14@cert.studio.example", run.Out, StringComparison.Ordinal);
        Assert.Equal("""
            {
              "attendance_id": "att-q1-2027-meta-us-t14-2027-01-14",
              "cert_window_id": "q1_2027_meta",
              "ics_uid": "us_t14_2027_01_14@cert.studio.example",
              "rehearsal_phase": "t_minus_14",
              "scheduled_start_utc": "2027-01-14T22:00:00Z",
              "scribe_signer_id": "eng.alice",
              "panel_present": [
                {
                  "role": "engineering_lead",
                  "signer_id": "eng.carol"
                },
                {
                  "role": "governance_owner",
                  "signer_id": "ceo.bob"
                },
                {
                  "role": "partner_liaison",
                  "signer_id": "partner.liaison"
                },
                {
                  "role": "scribe",
                  "signer_id": "eng.alice"
                }
              ],
              "attendance_status": "scheduled"
            }

            """, repo.Read(Scribe.ReceiptPath()));
        Assert.Empty(RuleHarness.GateErrors(repo));
    }

    [Fact]
    public void Given_an_id_When_receipt_new_Then_the_receipt_is_named_by_it()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        Assert.Equal(ExitCodes.Clean, CliRunner.Run(repo.Root, "receipt", "new", "--slot", "eu_t14_2027_01_15", "--id", "att-q1-2027-meta-eu-t14").ExitCode);
        Assert.Contains("\"attendance_id\": \"att-q1-2027-meta-eu-t14\"", repo.Read("evidence/attendance/att-q1-2027-meta-eu-t14.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_same_input_When_receipt_new_runs_in_two_copies_Then_the_files_are_byte_identical()
    {
        using var a = TempEvidenceRepo.WithBundledEvidence();
        using var b = TempEvidenceRepo.WithBundledEvidence();
        CliRunner.Run(a.Root, "receipt", "new", "--slot", "asia_t3_2027_01_25");
        CliRunner.Run(b.Root, "receipt", "new", "--root", b.Root, "--slot", "asia_t3_2027_01_25");
        const string path = "evidence/attendance/att-q1-2027-meta-asia-t3-2027-01-25.json";
        Assert.Equal(a.Read(path), b.Read(path));
    }

    [Fact]
    public void Given_an_existing_receipt_file_When_receipt_new_would_write_it_Then_one_line_exit_1_and_the_file_is_untouched()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        const string existing = "evidence/attendance/att-q4-2026-steam-us-t14.json";
        var before = repo.Read(existing);
        var run = CliRunner.Run(repo.Root, "receipt", "new", "--slot", Scribe.Slot, "--id", "att-q4-2026-steam-us-t14");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Equal(
            $"{existing}:1:1: error id_invalid: {existing} already exists: `receipt new` never overwrites a receipt (fix: Pass --id <attendance_id> to name the new receipt differently, or edit the existing one.)",
            Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(before, repo.Read(existing));
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Given_an_existing_file_differing_only_in_case_When_receipt_new_Then_refused()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        var run = CliRunner.Run(repo.Root, "receipt", "new", "--slot", Scribe.Slot, "--id", "ATT-q4-2026-steam-us-t14");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.StartsWith("evidence/attendance/att-q4-2026-steam-us-t14.json:1:1: error id_invalid:", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.PathOf("evidence/attendance/ATT-q4-2026-steam-us-t14.json")));
    }

    [Fact]
    public void Given_a_slot_that_already_has_a_receipt_When_receipt_new_Then_refused_naming_it()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        Assert.Equal(ExitCodes.Clean, CliRunner.Run(repo.Root, "receipt", "new", "--slot", Scribe.Slot).ExitCode);
        var run = CliRunner.Run(repo.Root, "receipt", "new", "--slot", Scribe.Slot, "--id", "att-other");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.StartsWith($"{Scribe.ReceiptPath()}:4:3: error attendance_roster_mismatch: slot {Scribe.Slot} already has receipt {Scribe.AttendanceId}: one receipt per rehearsal", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.PathOf("evidence/attendance/att-other.json")));
    }

    [Fact]
    public void Given_a_draft_slot_When_receipt_new_Then_refused_at_its_roster_status()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        const string slots = "roster/slots/q1_2027_meta.yaml";
        repo.ReplaceAfter(slots, Scribe.Slot, "roster_status: locked", "roster_status: draft");
        var run = CliRunner.Run(repo.Root, "receipt", "new", "--slot", Scribe.Slot);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        var line = RuleHarness.LineOf(repo, slots, "roster_status: draft");
        Assert.StartsWith($"{slots}:{line}:5: error attendance_roster_mismatch: slot {Scribe.Slot} is draft: receipts attend locked slots only (fix: Lock the slot first", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFiles(repo.PathOf("evidence/attendance")), f => f.Contains("q1-2027", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("us_t99_2027_01_01", "roster/slots:1:1: error reference_broken: no roster slot 'us_t99_2027_01_01'")]
    [InlineData("us_t0_2027_01_28", "error attendance_roster_mismatch: slot us_t0_2027_01_28 is a t_minus_0 freeze lift, which is never attended for scoring")]
    public void Given_a_slot_that_cannot_be_attended_When_receipt_new_Then_one_line_and_exit_1(string slot, string expected)
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        var run = CliRunner.Run(repo.Root, "receipt", "new", "--slot", slot);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_invalid_id_When_receipt_new_Then_usage_error()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        Assert.Equal(ExitCodes.Usage, CliRunner.Run(repo.Root, "receipt", "new", "--slot", Scribe.Slot, "--id", "../escape").ExitCode);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run(repo.Root, "receipt", "new").ExitCode);
    }

    [Fact]
    public void Given_a_no_show_receipt_without_its_seal_When_receipt_seal_Then_the_bundled_file_is_reproduced()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        const string path = "evidence/attendance/att-q3-2026-gamescom-asia-t3.json";
        var original = repo.Read(path);
        repo.Replace(path, "  \"receipt_sha256\": \"7f6b77f004a7c78e636d237c1865a3bf24ad13c8c862b462d823f22e43669fca\",\n", string.Empty);
        Assert.Contains(RuleHarness.GateErrors(repo), f => f.Reason.Id == "receipt_hash_mismatch");

        var run = CliRunner.Run(repo.Root, "receipt", "seal", "--attendance", "att-q3-2026-gamescom-asia-t3");
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Equal($"sealed {path}: receipt_sha256 7f6b77f004a7c78e636d237c1865a3bf24ad13c8c862b462d823f22e43669fca\n", run.Out);
        Assert.Equal(original, repo.Read(path));

        run = CliRunner.Run(repo.Root, "receipt", "seal", "--attendance", "att-q3-2026-gamescom-asia-t3");
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.StartsWith("already sealed:", run.Out, StringComparison.Ordinal);
        Assert.Equal(original, repo.Read(path));
    }

    [Fact]
    public void Given_a_completed_receipt_When_receipt_seal_Then_refused_pointing_at_bootstrap()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        var run = CliRunner.Run(repo.Root, "receipt", "seal", "--attendance", "att-q4-2026-steam-us-t14");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains("error receipt_hash_mismatch: receipt att-q4-2026-steam-us-t14 is completed", run.Error, StringComparison.Ordinal);
        Assert.Contains("Run `bootstrap --attendance att-q4-2026-steam-us-t14`", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_sealed_receipt_edited_afterwards_When_receipt_seal_Then_refused_and_not_resealed()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        const string path = "evidence/attendance/att-q3-2026-gamescom-asia-t3.json";
        repo.Replace(path, "\"2026-08-24T09:30:00Z\"", "\"2026-08-24T09:31:00Z\"");
        var before = repo.Read(path);
        var run = CliRunner.Run(repo.Root, "receipt", "seal", "--attendance", "att-q3-2026-gamescom-asia-t3");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains("error receipt_hash_mismatch:", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, repo.Read(path));
    }
}
