using EvidenceTasks.Cli;

namespace EvidenceTasks.Tests.Support;

/// <summary>What a scribe does by hand to a scaffolded receipt (Lesson 182 steps 1 to 3), as plain text edits.</summary>
public static class Scribe
{
    /// <summary>The bundled roster's first Q1 2027 slot: 14:00 Los Angeles on Thu 14 Jan 2027, no receipt yet.</summary>
    public const string Slot = "us_t14_2027_01_14";

    public const string AttendanceId = "att-q1-2027-meta-us-t14-2027-01-14";

    public const string LogId = "log-q1-2027-meta-us-t14-2027-01-14";

    public static string ReceiptPath(string id = AttendanceId) => $"evidence/attendance/{id}.json";

    public static string LogPath(string id = LogId) => $"evidence/mock-audit-logs/{id}.json";

    /// <summary>Step 1: the tabletop started; the scribe records actual_start_utc (status still scheduled).</summary>
    public static TempEvidenceRepo RecordStart(this TempEvidenceRepo repo, string start = "2027-01-14T22:02:00Z", string path = "") =>
        repo.Replace(Or(path), "  \"scribe_signer_id\"", $"  \"actual_start_utc\": \"{start}\",\n  \"scribe_signer_id\"");

    /// <summary>Step 3: the tabletop ended; the scribe records actual_end_utc and the status.</summary>
    public static TempEvidenceRepo RecordEnd(this TempEvidenceRepo repo, string end = "2027-01-14T23:29:30Z", string status = "completed", string path = "") =>
        repo.Replace(Or(path), "  \"scribe_signer_id\"", $"  \"actual_end_utc\": \"{end}\",\n  \"scribe_signer_id\"")
            .Replace(Or(path), "\"attendance_status\": \"scheduled\"", $"\"attendance_status\": \"{status}\"");

    /// <summary>Steps 1 to 3 at once.</summary>
    public static TempEvidenceRepo Complete(this TempEvidenceRepo repo, string status = "completed", string path = "") =>
        repo.RecordStart(path: path).RecordEnd(status: status, path: path);

    /// <summary>The bundled evidence with a receipt scaffolded by `receipt new` for <see cref="Slot"/>, completed (or given another status) by the scribe.</summary>
    public static TempEvidenceRepo BundledWithReceipt(string status = "completed")
    {
        var repo = TempEvidenceRepo.WithBundledEvidence();
        Assert.Equal(ExitCodes.Clean, CliRunner.Run(repo.Root, "receipt", "new", "--slot", Slot).ExitCode);
        return status == "scheduled" ? repo : repo.Complete(status);
    }

    /// <summary><see cref="BundledWithReceipt"/>, then `bootstrap`: a sealed receipt and its draft log.</summary>
    public static TempEvidenceRepo BundledBootstrapped()
    {
        var repo = BundledWithReceipt();
        Assert.Equal(ExitCodes.Clean, CliRunner.Run(repo.Root, "bootstrap", "--attendance", AttendanceId).ExitCode);
        return repo;
    }

    /// <summary>The draft log `bootstrap` writes for the completed receipt, under another id when asked (a hand-written copy).</summary>
    public static string DraftLog(string id = LogId) => $$"""
        {
          "mock_audit_id": "{{id}}",
          "attendance_id": "{{AttendanceId}}",
          "cert_window_id": "q1_2027_meta",
          "rubric_version": "mock_audit_rubric_v1",
          "rehearsal_kind": "T-14",
          "rehearsal_dt_utc": "2027-01-14T22:02:00Z",
          "status": "draft"
        }

        """;

    private static string Or(string path) => path.Length == 0 ? ReceiptPath() : path;
}
