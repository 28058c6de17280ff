using EvidenceTasks.Core.Attendance;
using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 182 "skipping receipt_sha256 on export (partner cannot reproduce)": receipt_sha256, when present, is the
/// SHA-256 of the receipt's RFC 8785 form without itself; it must be present once the receipt is bootstrapped (names its
/// log) or final without a log (cancelled, no_show). Blocks with <c>receipt_hash_mismatch</c>; partner replay runs it.
/// </summary>
public sealed class ReceiptHashRule : IRecordedHashRule
{
    /// <summary>A receipt's seal is checked against the receipt alone (<see cref="Check"/> takes nothing else).</summary>
    public RecordedHashScope Scope { get; } = new(EvidenceParts.Receipts, EvidenceParts.None);

    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        foreach (var r in evidence.Receipts)
        {
            if (Check(r) is { } finding) yield return finding;
        }
    }

    /// <summary>The seal finding of one receipt, or null when its seal is right (or not yet due).</summary>
    public static Finding? Check(AttendanceReceipt r)
    {
        if (r.ReceiptSha256 is { } recorded)
        {
            if (recorded == r.ComputedSha256) return null;
            return Finding.Error(BlockReason.ReceiptHashMismatch, r.Origin.Field("receipt_sha256"),
                $"receipt_sha256 {recorded} is not the SHA-256 of receipt {r.AttendanceId} without it ({r.ComputedSha256}): the receipt changed after it was sealed",
                $"Never edit a sealed receipt: revert the edit. Before it is merged, correct the data, delete receipt_sha256 and reseal with `{ResealCommand(r)}` (docs/hashing.md shows how to recompute the seal).");
        }
        if (r.MockAuditLogId is not null)
            return Finding.Error(BlockReason.ReceiptHashMismatch, r.Origin.Field("mock_audit_log_id"),
                $"receipt {r.AttendanceId} names log {r.MockAuditLogId} but has no receipt_sha256: a bootstrapped receipt is sealed",
                $"Run `bootstrap --attendance {r.AttendanceId}`: it writes mock_audit_log_id and the seal together.");
        if (ReceiptDocuments.SealRequired(r))
            return Finding.Error(BlockReason.ReceiptHashMismatch, r.Origin.Field("attendance_status"),
                $"receipt {r.AttendanceId} is {r.AttendanceStatus}, which is final, but has no receipt_sha256",
                $"Seal it with `receipt seal --attendance {r.AttendanceId}` so partners can replay it.");
        return null;
    }

    private static string ResealCommand(AttendanceReceipt r) =>
        r.AttendanceStatus == ReceiptChecks.Completed ? $"bootstrap --attendance {r.AttendanceId}" : $"receipt seal --attendance {r.AttendanceId}";
}
