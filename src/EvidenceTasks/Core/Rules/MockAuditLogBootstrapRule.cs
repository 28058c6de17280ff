using EvidenceTasks.Core.Attendance;
using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 182's bootstrap_mock_audit_log_from_attendance job, checked after the fact: a log's cert_window_id is its
/// receipt's, its rubric_version the slot's pin (Lesson 185) and present in the registry, its rehearsal_kind the
/// receipt phase's, its rehearsal_dt_utc the receipt's actual_start_utc. A log that disagrees was not made from that
/// receipt (<c>mock_audit_log_orphan</c>); an unknown rubric is <c>reference_broken</c>.
/// </summary>
public sealed class MockAuditLogBootstrapRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        foreach (var log in evidence.Logs)
        {
            if (!evidence.RubricsByVersion.ContainsKey(log.RubricVersion) && !evidence.IsUnreadable(EvidencePaths.Rubric(log.RubricVersion)))
                yield return Finding.Error(BlockReason.ReferenceBroken, log.Origin.Field("rubric_version"),
                    $"rubric_version '{log.RubricVersion}' is not in the registry ({EvidencePaths.Rubric(log.RubricVersion)} is missing)",
                    "Use the rubric_version of the log's slot; published rubric versions are never removed.");
            if (log.AttendanceId is null || !evidence.ReceiptsById.TryGetValue(log.AttendanceId, out var receipt)) continue;

            if (log.CertWindowId != receipt.CertWindowId)
                yield return Differs(log, "cert_window_id", log.CertWindowId, receipt.CertWindowId, $"receipt {receipt.AttendanceId}'s cert_window_id");
            if (ReceiptChecks.SlotOf(receipt, evidence) is { } slot && log.RubricVersion != slot.RubricVersion)
                yield return Differs(log, "rubric_version", log.RubricVersion, slot.RubricVersion, $"slot {slot.RosterSlotId}'s rubric_version");
            if (RehearsalPhases.RehearsalKind(receipt.RehearsalPhase) is { } kind && log.RehearsalKind != kind)
                yield return Differs(log, "rehearsal_kind", log.RehearsalKind, kind, $"the kind of receipt {receipt.AttendanceId}'s phase {receipt.RehearsalPhase}");
            if (receipt.ActualStartUtc is { } start && log.RehearsalDtUtc != start)
                yield return Differs(log, "rehearsal_dt_utc", Timestamps.Format(log.RehearsalDtUtc), Timestamps.Format(start), $"receipt {receipt.AttendanceId}'s actual_start_utc");
        }
    }

    private static Finding Differs(MockAuditLog log, string field, string actual, string expected, string what) =>
        Finding.Error(BlockReason.MockAuditLogOrphan, log.Origin.Field(field),
            $"{field} '{actual}' is not {what} ('{expected}'): the log does not match the rehearsal it names",
            $"Write {field}: {expected}; `bootstrap` copies these fields from the receipt and slot, never edit them by hand.");
}
