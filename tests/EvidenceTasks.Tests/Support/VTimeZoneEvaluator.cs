using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;

namespace EvidenceTasks.Tests.Support;

/// <summary>
/// Reads a VTIMEZONE the way a calendar client that ignores the TZID name must: expands every STANDARD/DAYLIGHT
/// observance (DTSTART plus RRULE, with Ical.Net's own recurrence engine) into onsets, and answers "which offset applies
/// at this instant" and "which instant is this local time" (the first occurrence when ambiguous, RFC 5545 3.3.5).
/// It never consults the tz database, so it checks the VTIMEZONE we wrote, not the zone name.
/// </summary>
public sealed class VTimeZoneEvaluator
{
    private readonly List<(Instant Onset, Offset To)> _onsets;

    public VTimeZoneEvaluator(VTimeZone tz, int untilYear)
    {
        _onsets = [];
        var limit = new DateTime(untilYear + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        foreach (var info in tz.TimeZoneInfos)
        {
            var from = Offset.FromTimeSpan(info.OffsetFrom!.Offset);
            var to = Offset.FromTimeSpan(info.OffsetTo!.Offset);
            foreach (var occurrence in info.GetOccurrences().TakeWhile(o => o.Period.StartTime.Value < limit))
            {
                var local = LocalDateTime.FromDateTime(occurrence.Period.StartTime.Value);
                _onsets.Add((local.WithOffset(from).ToInstant(), to));
            }
        }
        _onsets.Sort((a, b) => a.Onset.CompareTo(b.Onset));
    }

    public int OnsetCount => _onsets.Count;

    /// <summary>The offset of the latest onset at or before <paramref name="instant"/>.</summary>
    public Offset OffsetAt(Instant instant)
    {
        var applicable = _onsets.Where(o => o.Onset <= instant).ToList();
        Assert.True(applicable.Count > 0, $"no observance covers {instant}");
        return applicable[^1].To;
    }

    /// <summary>The instant a client computes for a local DTSTART with this TZID.</summary>
    public Instant ToInstant(LocalDateTime local)
    {
        var candidates = _onsets.Select(o => o.To).Distinct()
            .Select(offset => local.WithOffset(offset).ToInstant())
            .Where(instant => OffsetAt(instant).Equals(Offset.FromTicks((local.InUtc().ToInstant() - instant).BclCompatibleTicks)))
            .Order()
            .ToList();
        Assert.True(candidates.Count > 0, $"{local} does not exist in this VTIMEZONE");
        return candidates[0];
    }

    public static LocalDateTime Local(CalDateTime value) => LocalDateTime.FromDateTime(value.Value);
}
