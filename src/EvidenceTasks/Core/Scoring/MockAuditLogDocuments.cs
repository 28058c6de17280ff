using System.Text.Json.Nodes;
using EvidenceTasks.Core.Attendance;
using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Scoring;

/// <summary>The mock audit log files the tool writes: the draft of <c>bootstrap</c> and the scored form of <c>score</c>.</summary>
public static class MockAuditLogDocuments
{
    /// <summary>Member order of a log file (docs/formats.md).</summary>
    public static IReadOnlyList<string> FieldOrder { get; } =
    [
        "mock_audit_id", "attendance_id", "cert_window_id", "rubric_version", "rehearsal_kind", "rehearsal_dt_utc", "status",
        "scores", "weighted_score", "pass_bit",
    ];

    /// <summary>The log id <c>bootstrap</c> derives from a receipt: <c>att-…</c> becomes <c>log-…</c>, anything else gets <c>log-</c> in front.</summary>
    public static string DefaultLogId(string attendanceId) =>
        attendanceId.StartsWith("att-", StringComparison.Ordinal)
            ? "log-" + attendanceId["att-".Length..]
            : Ids.Bounded("log-", attendanceId);

    /// <summary>
    /// The draft log bootstrapped from a completed receipt: the receipt's window, the slot's rubric version, the kind of
    /// the phase, the actual start as the rehearsal time. Callers have validated the receipt, so its actual start is set.
    /// </summary>
    public static JsonObject Draft(string mockAuditId, AttendanceReceipt receipt, RosterSlot slot) => new()
    {
        ["mock_audit_id"] = mockAuditId,
        ["attendance_id"] = receipt.AttendanceId,
        ["cert_window_id"] = receipt.CertWindowId,
        ["rubric_version"] = slot.RubricVersion,
        ["rehearsal_kind"] = RehearsalPhases.RehearsalKind(receipt.RehearsalPhase),
        ["rehearsal_dt_utc"] = Timestamps.Format(receipt.ActualStartUtc ?? throw new ArgumentException("receipt has no actual_start_utc", nameof(receipt))),
        ["status"] = "draft",
    };

    /// <summary>The log scored: status scored, the scores keyed "1".."n" in order, and the computed weighted_score and pass_bit.</summary>
    public static JsonObject Scored(JsonObject log, IReadOnlyDictionary<int, int> scores, ScoreResult result)
    {
        var scoreObject = new JsonObject();
        foreach (var (dim, score) in scores.OrderBy(p => p.Key))
            scoreObject[dim.ToString(System.Globalization.CultureInfo.InvariantCulture)] = score;
        return JsonMembers.Ordered(
            JsonMembers.With(log,
                ("status", JsonValue.Create("scored")),
                ("scores", scoreObject),
                ("weighted_score", JsonValue.Create(MockAuditScoring.Normalize(result.WeightedScore))),
                ("pass_bit", JsonValue.Create(result.PassBit))),
            FieldOrder);
    }
}
