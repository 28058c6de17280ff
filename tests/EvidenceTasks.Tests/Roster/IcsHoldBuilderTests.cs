using System.Text;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;
using EvidenceTasks.Tests.Support;
using Ical.Net;
using NodaTime;

namespace EvidenceTasks.Tests.Roster;

public class IcsHoldBuilderTests
{
    /// <summary>Slots in the three business zones, on ordinary days and on the 2027 DST change days (US 14 March, EU 28 March).</summary>
    public static TheoryData<string, string, string> Slots => new()
    {
        { "America/Los_Angeles", "2027-01-15T01:00:00Z", "Thu 14 Jan 2027 17:00 PST" },
        { "America/Los_Angeles", "2027-03-14T09:30:00Z", "Sun 14 Mar 2027 01:30 PST" },
        { "America/Los_Angeles", "2027-03-14T10:30:00Z", "Sun 14 Mar 2027 03:30 PDT" },
        { "America/Los_Angeles", "2027-03-14T21:00:00Z", "Sun 14 Mar 2027 14:00 PDT" },
        { "America/Los_Angeles", "2027-03-28T21:00:00Z", "Sun 28 Mar 2027 14:00 PDT" },
        { "America/Los_Angeles", "2027-11-07T08:30:00Z", "Sun 07 Nov 2027 01:30 PDT" },
        { "Europe/Berlin", "2027-03-14T08:00:00Z", "Sun 14 Mar 2027 09:00 CET" },
        { "Europe/Berlin", "2027-03-28T00:30:00Z", "Sun 28 Mar 2027 01:30 CET" },
        { "Europe/Berlin", "2027-03-28T01:30:00Z", "Sun 28 Mar 2027 03:30 CEST" },
        { "Europe/Berlin", "2027-03-28T07:00:00Z", "Sun 28 Mar 2027 09:00 CEST" },
        { "Asia/Tokyo", "2027-03-14T09:00:00Z", "Sun 14 Mar 2027 18:00 JST" },
        { "Asia/Tokyo", "2027-03-28T09:00:00Z", "Sun 28 Mar 2027 18:00 JST" },
    };

    [Theory]
    [MemberData(nameof(Slots))]
    public void Given_a_slot_When_exported_and_parsed_back_with_Ical_Net_Then_the_same_UTC_instants_local_time_and_summary(string zone, string startUtc, string label)
    {
        var start = Timestamps.Parse(startUtc);
        var slot = RosterRecords.Slot("s1", zone, start);
        var text = IcsHoldBuilder.Build(slot, RosterRecords.Week(), 0);

        var calendar = Calendar.Load(text)!;
        var ev = Assert.Single(calendar.Events);
        Assert.Equal(start.ToDateTimeUtc(), ev.DtStart!.AsUtc);
        Assert.Equal((start + Duration.FromMinutes(90)).ToDateTimeUtc(), ev.DtEnd!.AsUtc);
        Assert.Equal(zone, ev.DtStart.TzId);
        Assert.Equal(start.InZone(DateTimeZoneProviders.Tzdb[zone]).LocalDateTime, LocalDateTime.FromDateTime(ev.DtStart.Value));
        Assert.Equal($"[rubric_v9] T-14 tabletop \u2014 {label}", ev.Summary);
        Assert.Contains($"Local time: {label} to ", ev.Description, StringComparison.Ordinal);
        Assert.Contains($"Time zone: {zone}", ev.Description, StringComparison.Ordinal);

        // The VTIMEZONE alone, read without the tz database, puts DTSTART and DTEND at the same instants.
        var vtz = Assert.Single(calendar.TimeZones);
        Assert.Equal(zone, vtz.TzId);
        var evaluator = new VTimeZoneEvaluator(vtz, 2028);
        Assert.Equal(start, evaluator.ToInstant(VTimeZoneEvaluator.Local(ev.DtStart)));
        Assert.Equal(start + Duration.FromMinutes(90), evaluator.ToInstant(VTimeZoneEvaluator.Local(ev.DtEnd)));
    }

    [Fact]
    public void Given_an_instant_in_the_repeated_hour_after_DST_ends_When_exported_Then_DTSTART_is_written_in_UTC()
    {
        // 2027-11-07T09:30Z is 01:30 PST, the second 01:30 of that night; with TZID it would read as 01:30 PDT, an hour early.
        var start = Timestamps.Parse("2027-11-07T09:30:00Z");
        var text = IcsHoldBuilder.Build(RosterRecords.Slot("s1", "America/Los_Angeles", start), RosterRecords.Week(), 0);
        Assert.Contains("\r\nDTSTART:20271107T093000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nDTEND;TZID=America/Los_Angeles:20271107T030000\r\n", text, StringComparison.Ordinal);
        var ev = Calendar.Load(text)!.Events.Single();
        Assert.Equal(start.ToDateTimeUtc(), ev.DtStart!.AsUtc);
        Assert.Contains("Sun 07 Nov 2027 01:30 PST", ev.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_slot_When_exported_Then_uid_dtstamp_sequence_organizer_and_one_attendee_per_signer()
    {
        var text = IcsHoldBuilder.Build(RosterRecords.Slot("us_t14", "America/Los_Angeles", Timestamps.Parse("2027-01-14T22:00:00Z")), RosterRecords.Week(), 3);
        var ev = Calendar.Load(text)!.Events.Single();
        Assert.Equal("us_t14@cert.example", ev.Uid);
        Assert.Equal(new DateTime(2027, 1, 11, 0, 0, 0, DateTimeKind.Utc), ev.DtStamp!.AsUtc);
        Assert.Equal(3, ev.Sequence);
        Assert.Equal("mailto:bob@studio.example", ev.Organizer!.Value!.ToString());
        Assert.Equal("ceo.bob", ev.Organizer.CommonName);
        Assert.Equal(
            ["mailto:carol@studio.example", "mailto:bob@studio.example", "mailto:liaison@partner.example", "mailto:alice@studio.example"],
            ev.Attendees.Select(a => a.Value!.ToString()));
        foreach (var line in new[]
                 {
                     "- engineering_lead: eng.carol <carol@studio.example>, backup eng.dan",
                     "- governance_owner: ceo.bob <bob@studio.example>",
                     "- partner_liaison: partner.liaison <liaison@partner.example>",
                     "- scribe: eng.alice <alice@studio.example>, backup eu.jonas",
                     "Rubric: rubric_v9",
                     "Local time: Thu 14 Jan 2027 14:00 PST to Thu 14 Jan 2027 15:30 PST",
                 })
            Assert.Contains(line, ev.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_slot_without_ics_uid_When_exported_Then_the_uid_is_derived_from_roster_slot_id()
    {
        var slot = RosterRecords.Slot("us_t14", "America/Los_Angeles", Timestamps.Parse("2027-01-14T22:00:00Z"), icsUid: null);
        Assert.Equal("us_t14@roster.evidence-tasks", IcsHoldBuilder.UidFor(slot));
        Assert.Equal("us_t14@roster.evidence-tasks", Calendar.Load(IcsHoldBuilder.Build(slot, RosterRecords.Week(), 0))!.Events.Single().Uid);
    }

    [Fact]
    public void Given_a_slot_When_exported_Then_RFC_5545_lines_CRLF_at_most_75_octets_and_the_same_bytes_every_time()
    {
        var slot = RosterRecords.Slot("us_t14", "Europe/Berlin", Timestamps.Parse("2027-03-28T07:00:00Z"));
        var text = IcsHoldBuilder.Build(slot, RosterRecords.Week(), 0);
        Assert.Equal(text, IcsHoldBuilder.Build(slot, RosterRecords.Week(), 0));
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Contains("\r\nPRODID:" + IcsHoldBuilder.ProductId + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nMETHOD:PUBLISH\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nDTSTART;TZID=Europe/Berlin:20270328T090000\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_holds_When_identity_is_read_Then_uid_sequence_and_uid_line_or_null_for_garbage()
    {
        var text = IcsHoldBuilder.Build(RosterRecords.Slot("us_t14", "Asia/Tokyo", Timestamps.Parse("2027-01-25T09:00:00Z")), RosterRecords.Week(), 7);
        var identity = IcsHoldBuilder.ReadIdentity(text)!;
        Assert.Equal(("us_t14@cert.example", 7), (identity.Uid, identity.Sequence));
        Assert.StartsWith("UID:", text.Split("\r\n")[identity.UidLine - 1], StringComparison.Ordinal);
        Assert.Null(IcsHoldBuilder.ReadIdentity("not a calendar"));
        Assert.Null(IcsHoldBuilder.ReadIdentity("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"));
        Assert.True(IcsHoldBuilder.SameContent(text, text.Replace("\r\n", "\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void Given_an_ics_hold_record_When_made_or_given_new_text_Then_its_identity_is_read_from_that_text()
    {
        var text = IcsHoldBuilder.Build(RosterRecords.Slot("us_t14", "Asia/Tokyo", Timestamps.Parse("2027-01-25T09:00:00Z")), RosterRecords.Week(), 7);
        var hold = new IcsHold("w1", "us_t14", text, Origin.Synthetic("evidence/ics/w1/us_t14.ics"));
        Assert.Equal(IcsHoldBuilder.ReadIdentity(text), hold.Identity);
        Assert.Equal(hold, new IcsHold("w1", "us_t14", text, Origin.Synthetic("evidence/ics/w1/us_t14.ics")));

        var edited = hold with { Content = "not a calendar" };
        Assert.Null(edited.Identity);
        Assert.NotEqual(hold, edited);
        Assert.Equal(7, (hold with { RosterSlotId = "other" }).Identity!.Sequence);
    }
}
