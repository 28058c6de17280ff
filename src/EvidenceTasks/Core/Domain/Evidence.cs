using System.Collections.Immutable;
using NodaTime;

namespace EvidenceTasks.Core.Domain;

/// <summary>One panel_present entry of a receipt; <see cref="Role"/> is as written, <see cref="CanonicalRole"/> normalised.</summary>
public sealed record PanelPresence(string Role, string? CanonicalRole, string SignerId, Origin Origin);

/// <summary>
/// ATTENDANCE_RECEIPT.json (Lesson 182). <see cref="ComputedSha256"/> is the SHA-256 of the receipt's RFC 8785 form
/// without receipt_sha256, computed when the file was read, so rules compare it without re-reading anything.
/// </summary>
public sealed record AttendanceReceipt(
    string AttendanceId,
    string CertWindowId,
    string IcsUid,
    string RehearsalPhase,
    Instant ScheduledStartUtc,
    Instant? ActualStartUtc,
    Instant? ActualEndUtc,
    string ScribeSignerId,
    ImmutableArray<PanelPresence> PanelPresent,
    string AttendanceStatus,
    string? MockAuditLogId,
    string? ReceiptSha256,
    string ComputedSha256,
    Origin Origin)
{
    public bool IsCompleted => AttendanceStatus == "completed";

    /// <summary>Exact duration (no rounding to minutes), when both actual times are present.</summary>
    public Duration? ActualDuration => ActualStartUtc is { } s && ActualEndUtc is { } e ? e - s : null;
}

/// <summary>mock_audit_log (Lessons 172, 182), draft or scored.</summary>
public sealed record MockAuditLog(
    string MockAuditId,
    string? AttendanceId,
    string CertWindowId,
    string RubricVersion,
    string RehearsalKind,
    Instant RehearsalDtUtc,
    string Status,
    ImmutableSortedDictionary<int, int> Scores,
    decimal? WeightedScore,
    bool? PassBit,
    Origin Origin)
{
    public bool IsScored => Status == "scored";
}

/// <summary>mock_audit_deficiency_ticket (Lessons 172, 173).</summary>
public sealed record DeficiencyTicket(
    string DeficiencyId,
    string MockAuditId,
    string CertWindowId,
    int RubricDimension,
    string FailureModeTag,
    string Severity,
    string SlaTier,
    string Status,
    Instant? ResolvedDtUtc,
    string? CarveOutId,
    string FooterSchemaSemver,
    string EpsilonPolicyVersion,
    string? Summary,
    Origin Origin);

/// <summary>A documented carve-out (Lesson 163) that covers a (dimension, tag) row between approval and expiry.</summary>
public sealed record CarveOut(
    string CarveOutId,
    int RubricDimension,
    string FailureModeTag,
    string ApprovedBy,
    Instant ApprovedDtUtc,
    Instant ExpiresDtUtc,
    string Rationale,
    Origin Origin)
{
    public bool Covers(int dimension, string tag, Instant asOf) =>
        RubricDimension == dimension && FailureModeTag == tag && ApprovedDtUtc <= asOf && asOf <= ExpiresDtUtc;
}
