using System.Globalization;
using EvidenceTasks.Core.Domain;
using NodaTime;

namespace EvidenceTasks.Core.Attendance;

/// <summary>
/// Lesson 182's receipt validation against Lesson 186's roster (validate_attendance_against_roster), as pure checks. The
/// gate rules report them per receipt; <c>bootstrap</c>, <c>receipt seal</c> and the orphan rule use <see cref="Roster"/>
/// so "a receipt that fails roster validation" means the same thing everywhere.
/// </summary>
public static class ReceiptChecks
{
    /// <summary>Lesson 182: a completed tabletop lasts 75 to 120 minutes (90 minutes with slack), compared exactly.</summary>
    public static readonly Duration MinDuration = Duration.FromMinutes(75);

    public static readonly Duration MaxDuration = Duration.FromMinutes(120);

    public const string Completed = "completed";
    public const string Scheduled = "scheduled";
    public const string Cancelled = "cancelled";
    public const string NoShow = "no_show";

    /// <summary>The roster slot a receipt attends (by its ics_uid), or null.</summary>
    public static RosterSlot? SlotOf(AttendanceReceipt receipt, EvidenceSet evidence) =>
        evidence.SlotsByIcsUid.GetValueOrDefault(receipt.IcsUid);

    /// <summary>Every roster-validation error of one receipt: its slot, its panel and its times.</summary>
    public static IEnumerable<Finding> Roster(AttendanceReceipt receipt, EvidenceSet evidence)
    {
        foreach (var f in AgainstSlot(receipt, evidence)) yield return f;
        if (SlotOf(receipt, evidence) is { } slot)
            foreach (var f in AgainstBindings(receipt, slot)) yield return f;
        foreach (var f in Times(receipt)) yield return f;
    }

    /// <summary>ics_uid names a locked slot (one receipt per UID); cert_window_id, rehearsal_phase and scheduled_start_utc are the slot's.</summary>
    public static IEnumerable<Finding> AgainstSlot(AttendanceReceipt r, EvidenceSet evidence)
    {
        var slot = SlotOf(r, evidence);
        if (slot is null)
        {
            // The slot may be in a roster file that failed to load; that file's own finding blocks already.
            if (EvidencePaths.AnyUnreadableUnder(evidence, EvidencePaths.SlotsFolder)) yield break;
            yield return Mismatch(r.Origin.Field("ics_uid"),
                $"receipt {r.AttendanceId}: no roster slot has ics_uid '{r.IcsUid}'",
                "Copy the ics_uid of the locked slot from roster/slots/<cert_window_id>.yaml; a UID never changes once exported (Lesson 181).");
            yield break;
        }
        var first = evidence.FirstReceiptByIcsUid.GetValueOrDefault(r.IcsUid) ?? r;
        if (!ReferenceEquals(first, r))
            yield return Mismatch(r.Origin.Field("ics_uid"),
                $"ics_uid '{r.IcsUid}' already has receipt {first.AttendanceId} ({first.Origin.Field("ics_uid")}): one receipt per rehearsal",
                "Keep one receipt per rostered rehearsal; a rescheduled rehearsal is a new slot with its own ics_uid.");
        if (!slot.IsLocked)
            yield return Mismatch(r.Origin.Field("ics_uid"),
                $"ics_uid '{r.IcsUid}' names slot {slot.RosterSlotId} ({slot.Origin.Field("roster_status")}), which is {slot.RosterStatus}, not locked",
                "Lock the slot (four bindings, tuple hash, rubric) before the rehearsal; receipts attend locked slots only.");
        if (r.CertWindowId != slot.CertWindowId)
            yield return Mismatch(r.Origin.Field("cert_window_id"),
                $"cert_window_id '{r.CertWindowId}' is not the window of slot {slot.RosterSlotId} ('{slot.CertWindowId}')",
                $"Write cert_window_id: {slot.CertWindowId}, the slot's window.");
        if (r.RehearsalPhase != slot.RehearsalPhase)
            yield return Mismatch(r.Origin.Field("rehearsal_phase"),
                $"rehearsal_phase '{r.RehearsalPhase}' is not the phase of slot {slot.RosterSlotId} ('{slot.RehearsalPhase}')",
                $"Write rehearsal_phase: {slot.RehearsalPhase}, the slot's phase.");
        if (r.ScheduledStartUtc != slot.SlotStartsAtUtc)
            yield return Mismatch(r.Origin.Field("scheduled_start_utc"),
                $"scheduled_start_utc {Timestamps.Format(r.ScheduledStartUtc)} is not slot {slot.RosterSlotId}'s slot_starts_at_utc {Timestamps.Format(slot.SlotStartsAtUtc)}",
                "Copy the slot's start; record when the tabletop really began in actual_start_utc.");
    }

    /// <summary>
    /// One person holds one role (any status); scribe_signer_id is the bound scribe; a completed panel is exactly the slot's
    /// four bound signers in their roles (Lesson 182 aliases normalised). A backup who attended needs the roster re-locked first.
    /// </summary>
    public static IEnumerable<Finding> AgainstBindings(AttendanceReceipt r, RosterSlot slot)
    {
        var byPerson = new Dictionary<string, PanelPresence>(StringComparer.Ordinal);
        var byRole = new Dictionary<string, PanelPresence>(StringComparer.Ordinal);
        foreach (var p in r.PanelPresent)
        {
            if (!byPerson.TryAdd(p.SignerId, p))
                yield return Mismatch(p.Origin.Field("signer_id"),
                    $"{p.SignerId} is listed as {byPerson[p.SignerId].Role} and as {p.Role}: one person holds one role",
                    "List each person once, in the role they held; one person covering two roles means the panel was incomplete: mark the receipt cancelled and reschedule.");
            var role = p.CanonicalRole ?? p.Role;
            if (!byRole.TryAdd(role, p))
                yield return Mismatch(p.Origin.Field("role"),
                    $"role {role} is listed twice ({byRole[role].SignerId} and {p.SignerId})",
                    "List each of the four roles once.");
        }

        var scribe = slot.Binding(PanelRoles.Scribe);
        if (scribe is not null && r.ScribeSignerId != scribe.SignerId)
            yield return Mismatch(r.Origin.Field("scribe_signer_id"),
                $"scribe_signer_id '{r.ScribeSignerId}' is not the scribe bound to slot {slot.RosterSlotId} ('{scribe.SignerId}')",
                r.ScribeSignerId == scribe.BackupSignerId
                    ? $"Re-lock the roster first: bind {r.ScribeSignerId} as scribe on slot {slot.RosterSlotId} (Lesson 174 backup promotion), then write the receipt."
                    : $"Write scribe_signer_id: {scribe.SignerId}, the slot's bound scribe.");

        if (r.AttendanceStatus != Completed) yield break;
        foreach (var role in PanelRoles.Canonical)
        {
            var binding = slot.Binding(role);
            var present = r.PanelPresent.FirstOrDefault(p => p.CanonicalRole == role);
            if (binding is null)
            {
                yield return Mismatch(r.Origin.Field("panel_present"),
                    $"slot {slot.RosterSlotId} has no {role} binding, so no completed panel can match it",
                    "Bind all four roles and re-lock the slot (Lesson 186), then write the receipt.");
            }
            else if (present is null)
            {
                yield return Mismatch(r.Origin.Field("panel_present"),
                    $"role {role} (bound: {binding.SignerId}) is not in panel_present: a completed receipt lists all four bound signers",
                    $"If {binding.SignerId} did not attend, the rehearsal did not complete: set attendance_status to cancelled or no_show and reschedule; never fake the panel.");
            }
            else if (present.SignerId != binding.SignerId)
            {
                var backup = present.SignerId == binding.BackupSignerId;
                yield return Mismatch(present.Origin.Field("signer_id"),
                    backup
                        ? $"{role}: backup {present.SignerId} attended instead of bound signer {binding.SignerId} of slot {slot.RosterSlotId}"
                        : $"{role}: expected bound signer {binding.SignerId} of slot {slot.RosterSlotId}, got {present.SignerId}",
                    backup
                        ? $"Re-lock the roster first: bind {present.SignerId} as {role} on slot {slot.RosterSlotId} (Lesson 174 backup promotion), then write the receipt."
                        : "Reconcile with the scribe's notes: a completed receipt lists exactly the slot's four bound signers; if someone else attended, re-lock the roster with them bound first.");
            }
        }
    }

    /// <summary>
    /// Completed: both actual times and a duration of 75..120 minutes, exactly. Scheduled: no actual_end_utc yet. Any status:
    /// the end after the start; only a completed receipt names a mock audit log.
    /// </summary>
    public static IEnumerable<Finding> Times(AttendanceReceipt r)
    {
        if (r.AttendanceStatus == Completed)
        {
            foreach (var field in new[] { "actual_start_utc", "actual_end_utc" })
            {
                var value = field == "actual_start_utc" ? r.ActualStartUtc : r.ActualEndUtc;
                if (value is null)
                    yield return Mismatch(r.Origin.Field("attendance_status"),
                        $"a completed receipt needs {field}",
                        "Record actual_start_utc and actual_end_utc from the scribe's notes, or set attendance_status to what really happened.");
            }
            if (r.ActualDuration is { } d && (d < MinDuration || d > MaxDuration))
                yield return Mismatch(r.Origin.Field("actual_end_utc"),
                    $"duration {Describe(d)} ({Timestamps.Format(r.ActualStartUtc!.Value)} to {Timestamps.Format(r.ActualEndUtc!.Value)}) is outside 75-120 minutes",
                    "Reconcile with the scribe's notes (an end-time typo?); a tabletop shorter than 75 or longer than 120 minutes did not complete.");
        }
        else
        {
            if (r.AttendanceStatus == Scheduled && r.ActualEndUtc is not null)
                yield return Finding.Error(BlockReason.SchemaInvalid, r.Origin.Field("actual_end_utc"),
                    "a scheduled receipt has no actual_end_utc: the rehearsal has not ended",
                    "Remove actual_end_utc, or set attendance_status to what happened.");
            else if (r.ActualDuration is { } d && d <= Duration.Zero)
                yield return Mismatch(r.Origin.Field("actual_end_utc"),
                    $"actual_end_utc {Timestamps.Format(r.ActualEndUtc!.Value)} is not after actual_start_utc {Timestamps.Format(r.ActualStartUtc!.Value)}",
                    "Reconcile with the scribe's notes (an end-time typo?).");
            if (r.MockAuditLogId is not null)
                yield return Finding.Error(BlockReason.SchemaInvalid, r.Origin.Field("mock_audit_log_id"),
                    $"a {r.AttendanceStatus} receipt names no mock audit log (mock_audit_log_id '{r.MockAuditLogId}'): only a completed rehearsal is bootstrapped",
                    "Remove mock_audit_log_id; a scheduled receipt gets it from `bootstrap` once completed, a cancelled or no_show one never.");
        }
    }

    /// <summary>A duration as a scribe reads it: <c>74 min 59 s</c>, <c>85 min</c>.</summary>
    public static string Describe(Duration d)
    {
        var seconds = (long)d.TotalSeconds;
        var sign = seconds < 0 ? "-" : string.Empty;
        seconds = Math.Abs(seconds);
        var min = (seconds / 60).ToString(CultureInfo.InvariantCulture);
        var sec = seconds % 60;
        return sec == 0 ? $"{sign}{min} min" : $"{sign}{min} min {sec.ToString(CultureInfo.InvariantCulture)} s";
    }

    private static Finding Mismatch(SourceLocation at, string message, string fix) =>
        Finding.Error(BlockReason.AttendanceRosterMismatch, at, message, fix);
}
