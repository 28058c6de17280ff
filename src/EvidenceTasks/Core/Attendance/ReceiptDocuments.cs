using System.Text.Json.Nodes;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Hashing;

namespace EvidenceTasks.Core.Attendance;

/// <summary>
/// The receipt files the tool writes: the scaffold of <c>receipt new</c> and the sealed form written by <c>bootstrap</c>
/// and <c>receipt seal</c>. Pure: JSON trees in, JSON trees out; the verbs do the writing.
/// </summary>
public static class ReceiptDocuments
{
    /// <summary>Member order of a receipt file (docs/formats.md); hashes never depend on it (RFC 8785 sorts members).</summary>
    public static IReadOnlyList<string> FieldOrder { get; } =
    [
        "attendance_id", "cert_window_id", "ics_uid", "rehearsal_phase", "scheduled_start_utc", "actual_start_utc",
        "actual_end_utc", "scribe_signer_id", "panel_present", "attendance_status", "mock_audit_log_id", "receipt_sha256",
        "created_at_utc",
    ];

    /// <summary>
    /// When a receipt must carry its seal: once bootstrapped (it names its log) and once final without a log
    /// (cancelled, no_show). A scheduled receipt, or a completed one before <c>bootstrap</c>, may still change.
    /// </summary>
    public static bool SealRequired(AttendanceReceipt r) =>
        r.MockAuditLogId is not null || r.AttendanceStatus is ReceiptChecks.Cancelled or ReceiptChecks.NoShow;

    /// <summary>
    /// Default attendance_id for a slot: <c>att-</c>, the window and the slot id, underscores as dashes
    /// (<c>att-q1-2027-meta-us-t14-2027-01-14</c>). Slot ids are unique, so receipts of different slots never collide.
    /// </summary>
    public static string DefaultAttendanceId(RosterSlot slot) =>
        Ids.Bounded("att-", $"{slot.CertWindowId}-{slot.RosterSlotId}".Replace('_', '-'));

    /// <summary>The receipt <c>receipt new</c> writes: everything the roster knows, status scheduled; the scribe adds the actual times and status.</summary>
    public static JsonObject Scaffold(RosterSlot slot, string attendanceId)
    {
        var panel = new JsonArray();
        foreach (var role in PanelRoles.Canonical)
        {
            if (slot.Binding(role) is { } b) panel.Add(new JsonObject { ["role"] = role, ["signer_id"] = b.SignerId });
        }
        return new JsonObject
        {
            ["attendance_id"] = attendanceId,
            ["cert_window_id"] = slot.CertWindowId,
            ["ics_uid"] = slot.IcsUid,
            ["rehearsal_phase"] = slot.RehearsalPhase,
            ["scheduled_start_utc"] = Timestamps.Format(slot.SlotStartsAtUtc),
            ["scribe_signer_id"] = slot.Binding(PanelRoles.Scribe)?.SignerId,
            ["panel_present"] = panel,
            ["attendance_status"] = ReceiptChecks.Scheduled,
        };
    }

    /// <summary>
    /// The receipt with <paramref name="mockAuditLogId"/> written in (when given) and <c>receipt_sha256</c> set to the
    /// SHA-256 of the JCS form of everything else. Every other member keeps its value; members are put in
    /// <see cref="FieldOrder"/>.
    /// </summary>
    public static JsonObject Sealed(JsonObject receipt, string? mockAuditLogId)
    {
        var body = JsonMembers.Ordered(
            JsonMembers.With(receipt, ("receipt_sha256", null), ("mock_audit_log_id", mockAuditLogId is null ? receipt["mock_audit_log_id"] : JsonValue.Create(mockAuditLogId))),
            FieldOrder);
        return JsonMembers.Ordered(JsonMembers.With(body, ("receipt_sha256", JsonValue.Create(Sha256Hex.OfCanonical(body)))), FieldOrder);
    }

    /// <summary>The seal of a receipt object: SHA-256 over its JCS form without <c>receipt_sha256</c>.</summary>
    public static string Seal(JsonObject receipt) => Sha256Hex.OfCanonicalWithout(receipt, "receipt_sha256");
}
