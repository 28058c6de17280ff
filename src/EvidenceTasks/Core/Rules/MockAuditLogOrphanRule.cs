using EvidenceTasks.Core.Attendance;
using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 182's trigger forbid_mock_audit_log_without_attendance as a publish-gate rule (<c>mock_audit_log_orphan</c>): a
/// log needs an attendance_id naming a completed receipt; beyond the seed, that receipt must pass roster validation
/// (Lesson 186: "no bootstrap until validator passes") and name this log back in mock_audit_log_id, which makes it one
/// log per receipt. A receipt's mock_audit_log_id naming no log is <c>reference_broken</c>.
/// </summary>
public sealed class MockAuditLogOrphanRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        foreach (var log in evidence.Logs)
        {
            if (Check(log, evidence) is { } finding) yield return finding;
        }
        foreach (var r in evidence.Receipts)
        {
            if (r.MockAuditLogId is { } logId && !evidence.LogsById.ContainsKey(logId) && !evidence.IsUnreadable(EvidencePaths.Log(logId)))
                yield return Finding.Error(BlockReason.ReferenceBroken, r.Origin.Field("mock_audit_log_id"),
                    $"mock_audit_log_id '{logId}' names no log ({EvidencePaths.Log(logId)} is missing)",
                    $"Commit the log `bootstrap --attendance {r.AttendanceId}` created together with the receipt.");
        }
    }

    /// <summary>Why <paramref name="log"/> is an orphan, or null when it belongs to a completed, roster-matching receipt that names it.</summary>
    public static Finding? Check(MockAuditLog log, EvidenceSet evidence)
    {
        if (log.AttendanceId is not { } attendanceId)
            return Orphan(log.Origin.Field("mock_audit_id"), $"log {log.MockAuditId} has no attendance_id: mock_audit_log requires attendance_id");
        if (!evidence.ReceiptsById.TryGetValue(attendanceId, out var receipt))
        {
            return evidence.IsUnreadable(EvidencePaths.Receipt(attendanceId))
                ? null
                : Orphan(log.Origin.Field("attendance_id"), $"attendance_id '{attendanceId}' names no receipt ({EvidencePaths.Receipt(attendanceId)} is missing)");
        }
        if (!receipt.IsCompleted)
            return Orphan(log.Origin.Field("attendance_id"),
                $"receipt {attendanceId} is {receipt.AttendanceStatus}, not completed: attendance must be completed before a mock audit log exists");
        if (ReceiptChecks.Roster(receipt, evidence).FirstOrDefault(f => f.Blocks) is { } invalid)
            return Orphan(log.Origin.Field("attendance_id"),
                $"receipt {attendanceId} fails roster validation ({invalid.Location}: {invalid.Message})",
                $"Fix the receipt first ({invalid.Fix})");
        if (receipt.MockAuditLogId is null)
            return Orphan(log.Origin.Field("attendance_id"),
                $"receipt {attendanceId} does not name this log (no mock_audit_log_id): the log was not bootstrapped from it",
                $"Delete this hand-written log and run `bootstrap --attendance {attendanceId}`: it creates the log and links and seals the receipt.");
        if (receipt.MockAuditLogId != log.MockAuditId)
            return Orphan(log.Origin.Field("attendance_id"),
                $"receipt {attendanceId} already has log {receipt.MockAuditLogId} (its mock_audit_log_id): one log per receipt",
                $"Delete this second log; raise its deficiencies on {receipt.MockAuditLogId}.");
        return null;
    }

    private static Finding Orphan(SourceLocation at, string message, string? fix = null) =>
        Finding.Error(BlockReason.MockAuditLogOrphan, at, message, fix);
}
