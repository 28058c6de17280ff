using EvidenceTasks.Core.Roster;
using EvidenceTasks.Tests.Support;
using NodaTime;

namespace EvidenceTasks.Tests.Roster;

public class IcsTimeZoneTests
{
    [Theory]
    [InlineData("America/Los_Angeles", 2027, "DAYLIGHT 20260308T020000 FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "STANDARD 20261101T020000 FREQ=YEARLY;BYDAY=1SU;BYMONTH=11")]
    [InlineData("Europe/Berlin", 2027, "DAYLIGHT 20260329T020000 FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "STANDARD 20261025T030000 FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10")]
    [InlineData("Australia/Sydney", 2027, "STANDARD 20260405T030000 FREQ=YEARLY;BYDAY=1SU;BYMONTH=4", "DAYLIGHT 20261004T020000 FREQ=YEARLY;BYDAY=1SU;BYMONTH=10")]
    [InlineData("Asia/Tokyo", 2027, "STANDARD 20260101T090000 ")]
    public void Given_a_zone_When_built_Then_one_observance_per_yearly_rule_starting_the_year_before(string zone, int year, params string[] expected)
    {
        var tz = IcsTimeZone.Build(DateTimeZoneProviders.Tzdb[zone], year);
        Assert.Equal(zone, tz.TzId);
        Assert.Equal(expected, tz.TimeZoneInfos.Select(i => $"{i.Name} {i.Start!.Value:yyyyMMdd'T'HHmmss} {i.RecurrenceRule}"));
    }

    public static TheoryData<string> Zones => new(
        "America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo", "Europe/London", "Australia/Sydney", "Australia/Lord_Howe",
        "America/St_Johns", "Pacific/Chatham", "America/Santiago", "Africa/Casablanca", "Asia/Tehran", "America/Sao_Paulo", "Asia/Kolkata", "Europe/Dublin");

    [Theory]
    [MemberData(nameof(Zones))]
    public void Given_a_zone_When_its_VTIMEZONE_is_read_without_the_tz_database_Then_every_instant_from_the_year_before_the_slot_year_to_two_years_after_has_the_tzdb_offset(string zoneId)
    {
        const int year = 2027;
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var evaluator = new VTimeZoneEvaluator(IcsTimeZone.Build(zone, year), year + 1);
        // From the last day of the year before (a slot starting on 1 January, seen from UTC) to the end of the next year.
        var from = Instant.FromUtc(year - 1, 12, 31, 0, 0);
        var to = Instant.FromUtc(year + 2, 1, 1, 0, 0);
        var probes = new List<Instant>();
        for (var t = from; t < to; t += Duration.FromHours(7)) probes.Add(t);
        foreach (var interval in zone.GetZoneIntervals(from, to).Skip(1))
            probes.AddRange([interval.Start - Duration.FromSeconds(1), interval.Start, interval.Start + Duration.FromSeconds(1)]);
        foreach (var t in probes)
            Assert.True(zone.GetUtcOffset(t) == evaluator.OffsetAt(t), $"{zoneId} at {t}: tzdb {zone.GetUtcOffset(t)}, VTIMEZONE {evaluator.OffsetAt(t)}");
    }

    [Fact]
    public void Given_the_same_zone_and_year_When_built_on_different_days_Then_the_same_observances()
    {
        // Build takes no clock: the only inputs are the zone and the year. Two builds are identical, and another year differs.
        var a = IcsTimeZone.Build(DateTimeZoneProviders.Tzdb["Europe/Berlin"], 2027);
        var b = IcsTimeZone.Build(DateTimeZoneProviders.Tzdb["Europe/Berlin"], 2027);
        var c = IcsTimeZone.Build(DateTimeZoneProviders.Tzdb["Europe/Berlin"], 2031);
        static string Text(Ical.Net.CalendarComponents.VTimeZone tz) => string.Join("|", tz.TimeZoneInfos.Select(i => $"{i.Name} {i.Start} {i.RecurrenceRule} {i.OffsetFrom} {i.OffsetTo}"));
        Assert.Equal(Text(a), Text(b));
        Assert.NotEqual(Text(a), Text(c));
    }
}
