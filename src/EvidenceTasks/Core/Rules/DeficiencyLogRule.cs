using EvidenceTasks.Core.Attendance;
using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// A deficiency ticket belongs to a log of a rehearsal that happened (Lesson 182 "marking no_show but still inserting
/// deficiencies from memory"; SPEC.md "the log's receipt is completed"): mock_audit_id names an existing log
/// (<c>reference_broken</c>); the ticket's cert_window_id is the log's, its sla_tier the log's rehearsal_kind, and the log's
/// receipt exists and is completed (<c>deficiency_log_mismatch</c>).
/// </summary>
public sealed class DeficiencyLogRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        foreach (var t in evidence.Deficiencies)
        {
            if (!evidence.LogsById.TryGetValue(t.MockAuditId, out var log))
            {
                if (!evidence.IsUnreadable(EvidencePaths.Log(t.MockAuditId)))
                    yield return Finding.Error(BlockReason.ReferenceBroken, t.Origin.Field("mock_audit_id"),
                        $"mock_audit_id '{t.MockAuditId}' names no log ({EvidencePaths.Log(t.MockAuditId)} is missing)",
                        "Name the log of the rehearsal the panel saw this in (evidence/mock-audit-logs/).");
                continue;
            }
            if (t.CertWindowId != log.CertWindowId)
                yield return Mismatch(t.Origin.Field("cert_window_id"),
                    $"cert_window_id '{t.CertWindowId}' is not the window of log {log.MockAuditId} ('{log.CertWindowId}')",
                    $"Write cert_window_id: {log.CertWindowId}, the log's window.");
            if (t.SlaTier != log.RehearsalKind)
                yield return Mismatch(t.Origin.Field("sla_tier"),
                    $"sla_tier '{t.SlaTier}' is not log {log.MockAuditId}'s rehearsal_kind ('{log.RehearsalKind}')",
                    $"Write sla_tier: {log.RehearsalKind}; a ticket's SLA follows the rehearsal it came from (T-14: 168 h, T-3: 48 h).");
            if (Rehearsal(log, evidence) is { } why)
                yield return Mismatch(t.Origin.Field("mock_audit_id"),
                    $"deficiency {t.DeficiencyId} is raised on log {log.MockAuditId}, but {why}: no deficiencies from memory",
                    "Raise tickets only on the log of a completed rehearsal; a no_show or cancelled rehearsal is rescheduled, and its findings are raised on the new rehearsal's log.");
        }
    }

    /// <summary>Why the log's rehearsal did not happen, or null when its receipt is completed (or cannot be read: its own finding says so).</summary>
    private static string? Rehearsal(MockAuditLog log, EvidenceSet evidence)
    {
        if (log.AttendanceId is null) return "the log has no attendance receipt";
        if (evidence.ReceiptsById.TryGetValue(log.AttendanceId, out var receipt))
            return receipt.IsCompleted ? null : $"its rehearsal (receipt {receipt.AttendanceId}) is {receipt.AttendanceStatus}";
        return evidence.IsUnreadable(EvidencePaths.Receipt(log.AttendanceId)) ? null : $"its receipt {log.AttendanceId} is missing";
    }

    private static Finding Mismatch(SourceLocation at, string message, string fix) =>
        Finding.Error(BlockReason.DeficiencyLogMismatch, at, message, fix);
}
