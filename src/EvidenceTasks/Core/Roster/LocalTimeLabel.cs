using NodaTime;
using NodaTime.Text;

namespace EvidenceTasks.Core.Roster;

/// <summary>
/// Local time as a panel member reads it: <c>Thu 14 Jan 2027 17:00 PST</c>, in the slot's IANA zone, with the zone's
/// abbreviation at that instant from the IANA database (so it reads PDT in summer and PST in winter).
/// </summary>
public static class LocalTimeLabel
{
    private static readonly LocalDateTimePattern Pattern = LocalDateTimePattern.CreateWithInvariantCulture("ddd dd MMM uuuu HH':'mm");

    public static DateTimeZone Zone(string ianaZone) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(ianaZone) ?? throw new ArgumentException($"'{ianaZone}' is not an IANA time zone", nameof(ianaZone));

    public static string Format(Instant instant, string ianaZone) => Format(instant, Zone(ianaZone));

    public static string Format(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone);
        return Pattern.Format(local.LocalDateTime) + " " + local.GetZoneInterval().Name;
    }
}
