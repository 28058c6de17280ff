using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using EvidenceTasks.Core.Domain;
using NodaTime;

namespace EvidenceTasks.Core.Roster;

/// <summary>What an exported hold says about itself: its UID and SEQUENCE (null when the text is not a calendar with one event).</summary>
public sealed record IcsHoldIdentity(string Uid, int Sequence, int UidLine);

/// <summary>
/// The ICS hold of one locked slot (Lesson 181 with 186's guard), written with Ical.Net. Everything in it comes from the
/// slot and its handoff week, nothing from the clock or a random source: UID is the slot's ics_uid (or derived from
/// roster_slot_id), DTSTAMP is the week's week_starts_utc, the VTIMEZONE is bounded around the slot's year
/// (<see cref="IcsTimeZone"/>), and SEQUENCE is given by the caller. The same input is the same bytes on every run.
/// </summary>
public static class IcsHoldBuilder
{
    public const string ProductId = "-//EvidenceTasks//Panel roster ICS hold//EN";

    /// <summary>Domain of UIDs derived for slots without ics_uid: <c>&lt;roster_slot_id&gt;@roster.evidence-tasks</c>.</summary>
    public const string DerivedUidDomain = "roster.evidence-tasks";

    /// <summary>The UID a slot's hold carries: its ics_uid, or one derived from roster_slot_id (stable, as the id never changes).</summary>
    public static string UidFor(RosterSlot slot) => slot.IcsUid ?? $"{slot.RosterSlotId}@{DerivedUidDomain}";

    /// <summary>Repository-relative path of a slot's hold.</summary>
    public static string PathFor(RosterSlot slot) => RosterPaths.Ics(slot.CertWindowId, slot.RosterSlotId);

    /// <summary><c>[&lt;rubric_version&gt;] &lt;cert_rehearsal_label&gt; — &lt;local label&gt;</c> (SPEC.md ICS export).</summary>
    public static string Summary(RosterSlot slot) =>
        $"[{slot.RubricVersion}] {slot.CertRehearsalLabel} \u2014 {LocalTimeLabel.Format(slot.SlotStartsAtUtc, slot.SlotLocalTz)}";

    /// <summary>The hold's text, CRLF line endings as RFC 5545 requires.</summary>
    public static string Build(RosterSlot slot, HandoffWeek week, int sequence)
    {
        var zone = LocalTimeLabel.Zone(slot.SlotLocalTz);
        var calendar = new Calendar { ProductId = ProductId, Method = "PUBLISH" };
        calendar.AddChild(IcsTimeZone.Build(zone, slot.SlotStartsAtUtc.InZone(zone).Year));

        var owner = slot.Binding(PanelRoles.GovernanceOwner);
        var ev = new CalendarEvent
        {
            Uid = UidFor(slot),
            DtStamp = Utc(week.WeekStartsUtc),
            DtStart = Local(slot.SlotStartsAtUtc, zone),
            DtEnd = Local(slot.SlotEndsAtUtc, zone),
            Sequence = sequence,
            Summary = Summary(slot),
            Description = Description(slot, week),
            Status = "CONFIRMED",
            Transparency = "OPAQUE",
        };
        if (owner is not null) ev.Organizer = new Organizer("mailto:" + owner.SignerEmail) { CommonName = owner.SignerId };
        foreach (var b in Ordered(slot))
            ev.Attendees.Add(new Attendee("mailto:" + b.SignerEmail) { CommonName = b.SignerId, Role = "REQ-PARTICIPANT" });
        calendar.Events.Add(ev);

        var text = new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("Ical.Net returned no text");
        return text.ReplaceLineEndings("\r\n");
    }

    /// <summary>
    /// Local time, zone, rubric, tuple and the four roles with signer ids and e-mails (and backups), so a re-export never
    /// strips the quorum proof (Lesson 186).
    /// </summary>
    public static string Description(RosterSlot slot, HandoffWeek week)
    {
        var sb = new StringBuilder();
        sb.Append(slot.CertRehearsalLabel).Append(" (").Append(slot.RehearsalPhase).Append("), cert window ").Append(slot.CertWindowId)
          .Append(", handoff week ").Append(week.HandoffWeekId).Append('\n')
          .Append("Local time: ").Append(LocalTimeLabel.Format(slot.SlotStartsAtUtc, slot.SlotLocalTz))
          .Append(" to ").Append(LocalTimeLabel.Format(slot.SlotEndsAtUtc, slot.SlotLocalTz)).Append('\n')
          .Append("Time zone: ").Append(slot.SlotLocalTz).Append(" (region ").Append(slot.SlotRegion).Append(")\n")
          .Append("UTC: ").Append(Timestamps.Format(slot.SlotStartsAtUtc)).Append(" to ").Append(Timestamps.Format(slot.SlotEndsAtUtc)).Append('\n')
          .Append("Rubric: ").Append(slot.RubricVersion).Append('\n')
          .Append("Publish tuple hash: ").Append(slot.PublishTupleHash).Append('\n');
        if (slot.BackupPromoteEvent is not null) sb.Append("Backup promotion: ").Append(slot.BackupPromoteEvent).Append('\n');
        sb.Append("Panel (").Append(SlotQuorum.Of(slot).RolesBound).Append('/').Append(PanelRoles.Canonical.Count).Append(" roles):\n");
        foreach (var b in Ordered(slot))
        {
            sb.Append("- ").Append(b.PanelRole).Append(": ").Append(b.SignerId).Append(" <").Append(b.SignerEmail).Append('>');
            if (b.BackupSignerId is not null) sb.Append(", backup ").Append(b.BackupSignerId);
            sb.Append('\n');
        }
        sb.Append("Roster slot: ").Append(slot.RosterSlotId).Append(", UID ").Append(UidFor(slot));
        return sb.ToString();
    }

    /// <summary>UID and SEQUENCE of an exported hold, or null when the text is not a calendar with exactly one event and a UID.</summary>
    public static IcsHoldIdentity? ReadIdentity(string content)
    {
        Calendar? calendar;
        try
        {
            calendar = Calendar.Load(content);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
        if (calendar?.Events is not { Count: 1 } events || events[0] is not { Uid: { Length: > 0 } uid } ev) return null;
        return new IcsHoldIdentity(uid, ev.Sequence, LineOf(content, "UID:"));
    }

    /// <summary>True when two hold texts are the same calendar data, whatever their line endings (git may check out LF or CRLF).</summary>
    public static bool SameContent(string a, string b) =>
        string.Equals(a.ReplaceLineEndings("\n"), b.ReplaceLineEndings("\n"), StringComparison.Ordinal);

    /// <summary>1-based line of the first line starting with <paramref name="prefix"/> (1 when absent).</summary>
    public static int LineOf(string content, string prefix)
    {
        var lines = content.ReplaceLineEndings("\n").Split('\n');
        var i = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        return i < 0 ? 1 : i + 1;
    }

    /// <summary>Bindings by panel_role (the canonical roles sort in their listed order).</summary>
    private static IEnumerable<SignerBinding> Ordered(RosterSlot slot) =>
        slot.Bindings.OrderBy(b => b.PanelRole, StringComparer.Ordinal).ThenBy(b => b.SignerId, StringComparer.Ordinal);

    private static CalDateTime Utc(Instant instant)
    {
        var u = instant.InUtc();
        return new CalDateTime(u.Year, u.Month, u.Day, u.Hour, u.Minute, u.Second, "UTC");
    }

    /// <summary>
    /// The instant as local time with TZID. RFC 5545 reads an ambiguous local time (the repeated hour when DST ends) as its
    /// first occurrence; an instant in the second occurrence is written in UTC instead, so no client can misplace it.
    /// </summary>
    private static CalDateTime Local(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone);
        var mapping = zone.MapLocal(local.LocalDateTime);
        if (mapping.Count > 1 && mapping.First().ToInstant() != instant) return Utc(instant);
        var l = local.LocalDateTime;
        return new CalDateTime(l.Year, l.Month, l.Day, l.Hour, l.Minute, l.Second, zone.Id);
    }
}
