using System.CommandLine;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Attendance;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Core.Scoring;
using EvidenceTasks.IO;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>bootstrap --attendance</c>: Lesson 182's bootstrap_mock_audit_log_from_attendance job. From a completed,
/// roster-matching receipt it creates exactly one draft log (create-new: never overwritten, safe to run twice or twice at
/// once) and rewrites the receipt with mock_audit_log_id and its seal, the one rewrite of an authored file the tool makes.
/// </summary>
public static class BootstrapVerb
{
    public static Command Build(CliContext ctx)
    {
        var root = CommonOptions.Root();
        var attendance = AuthoringSession.Required("--attendance", "attendance_id of the completed receipt.", "ATTENDANCE_ID");
        var command = new Command("bootstrap",
            "Create the draft mock audit log of a completed, roster-matching receipt and seal the receipt (idempotent).") { root, attendance };
        command.SetAction(parse => Run(AuthoringSession.Open(ctx, parse.GetValue(root)), AuthoringSession.RequireId("--attendance", parse.GetValue(attendance))));
        return command;
    }

    internal static int Run(AuthoringSession s, string attendanceId)
    {
        var e = s.Evidence;
        var receiptPath = EvidencePaths.Receipt(attendanceId);
        if (!s.TryGet(e.ReceiptsById, attendanceId, receiptPath, "attendance receipt", out var r, out var exit)) return exit;
        if (r.ReceiptSha256 is not null && ReceiptHashRule.Check(r) is { } tampered) return s.Refuse(tampered);
        if (!r.IsCompleted)
            return s.Refuse(BlockReason.MockAuditLogOrphan, r.Origin.Field("attendance_status"),
                $"cannot bootstrap a mock audit log from receipt {attendanceId}: attendance_status is {r.AttendanceStatus}, not completed",
                r.AttendanceStatus == ReceiptChecks.Scheduled
                    ? "Complete step 3 first: once the four bound signers attended, record actual_start_utc, actual_end_utc and attendance_status: completed."
                    : $"A {r.AttendanceStatus} rehearsal never gets a mock audit log: reschedule it (a new slot and receipt), and seal this one with `receipt seal --attendance {attendanceId}`.");
        var invalid = ReceiptChecks.Roster(r, e).Where(f => f.Blocks).ToList();
        if (invalid.Count > 0) return s.Refuse(invalid);
        if (ReceiptChecks.SlotOf(r, e) is not { } slot)
            return s.Refuse(e.UnreadablePaths.Where(p => p.StartsWith(EvidencePaths.SlotsFolder, StringComparison.Ordinal)).SelectMany(s.FileFindings));
        if (!e.RubricsByVersion.ContainsKey(slot.RubricVersion))
            return s.Refuse(BlockReason.ReferenceBroken, slot.Origin.Field("rubric_version"),
                $"slot {slot.RosterSlotId} pins rubric_version '{slot.RubricVersion}', which is not in the registry",
                "Pin the slot to a published rubric version (governance/rubric/) and re-lock it.");

        var logId = r.MockAuditLogId ?? MockAuditLogDocuments.DefaultLogId(attendanceId);
        var logPath = EvidencePaths.Log(logId);
        if (e.Logs.FirstOrDefault(l => l.AttendanceId == attendanceId && l.MockAuditId != logId) is { } other)
            return s.Refuse(BlockReason.MockAuditLogOrphan, other.Origin.Field("attendance_id"),
                $"log {other.MockAuditId} already names receipt {attendanceId}, which does not name it back: one log per receipt",
                $"Delete the hand-written {other.Origin.Path} and run `bootstrap --attendance {attendanceId}` again.");

        var created = s.CreateNew(logPath, MockAuditLogDocuments.Draft(logId, r, slot));
        if (created == WriteOutcome.AlreadyExists && AttendanceOf(s, logPath) is var owner && owner != attendanceId)
            return s.Refuse(BlockReason.MockAuditLogOrphan, AuthoringSession.Start(logPath),
                $"{logPath} already exists and belongs to {(owner is null ? "no receipt" : $"receipt {owner}")}, not {attendanceId}",
                "Name another log in the receipt's mock_audit_log_id (or remove the stray log), then run bootstrap again.");

        var sealedReceipt = ReceiptDocuments.Sealed(s.ReadObject(receiptPath), logId);
        var receiptOutcome = s.Replace(receiptPath, sealedReceipt);
        var seal = sealedReceipt["receipt_sha256"]!.GetValue<string>();
        if (created == WriteOutcome.Created)
            s.Say($"bootstrapped {logPath} (draft, rubric {slot.RubricVersion}, {RehearsalPhases.RehearsalKind(r.RehearsalPhase)} at {Timestamps.Format(r.ActualStartUtc!.Value)}) " +
                  $"from receipt {attendanceId}; receipt sealed with mock_audit_log_id {logId} and receipt_sha256 {seal}; score it with `score --log {logId}`");
        else if (receiptOutcome == WriteOutcome.Unchanged)
            s.Say($"already bootstrapped: receipt {attendanceId} has log {logPath} and receipt_sha256 {seal}; nothing changed");
        else
            s.Say($"{logPath} already existed; receipt {attendanceId} linked to it and sealed with receipt_sha256 {seal}");
        return ExitCodes.Clean;
    }

    /// <summary>The attendance_id written in an existing log file (made by an earlier or a concurrent run), or null.</summary>
    private static string? AttendanceOf(AuthoringSession s, string logPath)
    {
        try
        {
            return s.ReadObject(logPath)["attendance_id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
