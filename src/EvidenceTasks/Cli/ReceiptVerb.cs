using System.CommandLine;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Attendance;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>receipt new --slot</c>: scaffolds an attendance receipt from the roster, leaving the scribe only the actual times and
/// the status; <c>receipt seal --attendance</c>: seals a final receipt that never gets a log (cancelled, no_show).
/// </summary>
public static class ReceiptVerb
{
    public static Command Build(CliContext ctx)
    {
        var command = new Command("receipt", "Attendance receipts (Lesson 182): scaffold one from the roster, or seal a cancelled / no_show one.");
        command.Subcommands.Add(New(ctx));
        command.Subcommands.Add(Seal(ctx));
        return command;
    }

    private static Command New(CliContext ctx)
    {
        var root = CommonOptions.Root();
        var slot = AuthoringSession.Required("--slot", "roster_slot_id of the locked slot the rehearsal is rostered in.", "ROSTER_SLOT_ID");
        var id = new Option<string?>("--id")
        {
            Description = "attendance_id (and file name) of the new receipt; default: att-<cert_window_id>-<roster_slot_id>, underscores as dashes.",
            HelpName = "ATTENDANCE_ID",
        };
        var command = new Command("new", "Scaffold evidence/attendance/<attendance_id>.json from the roster (status scheduled); never overwrites.") { root, slot, id };
        command.SetAction(parse =>
        {
            var slotId = AuthoringSession.RequireId("--slot", parse.GetValue(slot));
            var requested = parse.GetValue(id) is { } given ? AuthoringSession.RequireId("--id", given) : null;
            return RunNew(AuthoringSession.Open(ctx, parse.GetValue(root)), slotId, requested);
        });
        return command;
    }

    private static Command Seal(CliContext ctx)
    {
        var root = CommonOptions.Root();
        var attendance = AuthoringSession.Required("--attendance", "attendance_id of the cancelled or no_show receipt to seal.", "ATTENDANCE_ID");
        var command = new Command("seal", "Write receipt_sha256 into a cancelled or no_show receipt (completed ones are sealed by `bootstrap`); never replaces a seal.") { root, attendance };
        command.SetAction(parse => RunSeal(AuthoringSession.Open(ctx, parse.GetValue(root)), AuthoringSession.RequireId("--attendance", parse.GetValue(attendance))));
        return command;
    }

    internal static int RunNew(AuthoringSession s, string slotId, string? requestedId)
    {
        var e = s.Evidence;
        if (!e.SlotsById.TryGetValue(slotId, out var slot))
        {
            var unreadable = e.UnreadablePaths.Where(p => p.StartsWith(EvidencePaths.SlotsFolder, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            return unreadable.Count > 0
                ? s.Refuse(unreadable.SelectMany(s.FileFindings))
                : s.Refuse(BlockReason.ReferenceBroken, AuthoringSession.Start("roster/slots"), $"no roster slot '{slotId}' in roster/slots/*.yaml",
                    "Pass the roster_slot_id of a locked slot (grep roster_slot_id roster/slots/*.yaml).");
        }
        if (!slot.IsLocked)
            return s.Refuse(BlockReason.AttendanceRosterMismatch, slot.Origin.Field("roster_status"),
                $"slot {slotId} is {slot.RosterStatus}: receipts attend locked slots only",
                "Lock the slot first: bind the four roles, check the tuple hash and rubric, set roster_status: locked (Lesson 186 lock procedure).");
        if (RehearsalPhases.RehearsalKind(slot.RehearsalPhase) is null)
            return s.Refuse(BlockReason.AttendanceRosterMismatch, slot.Origin.Field("rehearsal_phase"),
                $"slot {slotId} is a {slot.RehearsalPhase} freeze lift, which is never attended for scoring",
                "Write receipts for t_minus_14 and t_minus_3 slots only.");
        if (slot.IcsUid is null)
            return s.Refuse(BlockReason.AttendanceRosterMismatch, slot.Origin.Field("roster_slot_id"),
                $"slot {slotId} has no ics_uid, and a receipt is keyed to its slot's ICS UID",
                "Set ics_uid on the slot (the UID its ICS hold is exported with), then run `receipt new` again.");
        var missing = PanelRoles.Canonical.Where(role => slot.Binding(role) is null).ToList();
        if (missing.Count > 0)
            return s.Refuse(BlockReason.AttendanceRosterMismatch, slot.Origin.Field("bindings"),
                $"slot {slotId} has no binding for {string.Join(", ", missing)}",
                "Bind all four roles and re-lock the slot first.");
        if (e.Receipts.FirstOrDefault(r => r.IcsUid == slot.IcsUid) is { } existing)
            return s.Refuse(BlockReason.AttendanceRosterMismatch, existing.Origin.Field("ics_uid"),
                $"slot {slotId} already has receipt {existing.AttendanceId}: one receipt per rehearsal",
                $"Edit {existing.Origin.Path} instead: record the actual times and attendance_status.");

        var attendanceId = requestedId ?? ReceiptDocuments.DefaultAttendanceId(slot);
        var path = EvidencePaths.Receipt(attendanceId);
        var clash = s.ExistingIgnoringCase(path);
        if (clash is not null || s.CreateNew(path, ReceiptDocuments.Scaffold(slot, attendanceId)) == WriteOutcome.AlreadyExists)
            return s.Refuse(BlockReason.IdInvalid, AuthoringSession.Start(clash ?? path),
                $"{clash ?? path} already exists: `receipt new` never overwrites a receipt",
                "Pass --id <attendance_id> to name the new receipt differently, or edit the existing one.");
        s.Say($"created {path} for slot {slotId} (ics_uid {slot.IcsUid}, scheduled {Timestamps.Format(slot.SlotStartsAtUtc)}); " +
              $"after the tabletop record actual_start_utc, actual_end_utc and attendance_status, then run `bootstrap --attendance {attendanceId}`");
        return ExitCodes.Clean;
    }

    internal static int RunSeal(AuthoringSession s, string attendanceId)
    {
        var path = EvidencePaths.Receipt(attendanceId);
        if (!s.TryGet(s.Evidence.ReceiptsById, attendanceId, path, "attendance receipt", out var r, out var exit)) return exit;
        if (r.AttendanceStatus is ReceiptChecks.Scheduled or ReceiptChecks.Completed)
            return s.Refuse(BlockReason.ReceiptHashMismatch, r.Origin.Field("attendance_status"),
                $"receipt {attendanceId} is {r.AttendanceStatus}: `receipt seal` seals cancelled and no_show receipts",
                r.AttendanceStatus == ReceiptChecks.Completed
                    ? $"Run `bootstrap --attendance {attendanceId}`: it creates the log and seals the receipt together with its mock_audit_log_id."
                    : "Record what happened first (actual times, attendance_status), then seal or bootstrap.");
        var invalid = ReceiptChecks.Roster(r, s.Evidence).Where(f => f.Blocks).ToList();
        if (invalid.Count > 0) return s.Refuse(invalid);
        if (r.ReceiptSha256 is not null)
        {
            if (ReceiptHashRule.Check(r) is { } wrong) return s.Refuse(wrong);
            s.Say($"already sealed: {path} has receipt_sha256 {r.ReceiptSha256}; nothing changed");
            return ExitCodes.Clean;
        }
        var sealedReceipt = ReceiptDocuments.Sealed(s.ReadObject(path), null);
        s.Replace(path, sealedReceipt);
        s.Say($"sealed {path}: receipt_sha256 {sealedReceipt["receipt_sha256"]!.GetValue<string>()}");
        return ExitCodes.Clean;
    }
}
