using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;
using NodaTime.TimeZones;
using NodaTime.Utility;

namespace EvidenceTasks.Core.Roster;

/// <summary>
/// A VTIMEZONE for one IANA zone, computed from NodaTime's tz database over a window fixed by the slot's year
/// (1 January of the year before to 1 January two years after), never from the clock: Ical.Net's own
/// <c>VTimeZone.FromDateTimeZone</c> reads transitions up to "now", so its output would change with the run date.
/// <para/>
/// When the zone's transitions in that window follow yearly rules (every DST zone in use today), each rule becomes one
/// STANDARD or DAYLIGHT observance with an RRULE, the form every mainstream client reads. Otherwise (irregular or
/// changing rules) each transition in the window becomes its own observance. A zone without transitions in the window
/// (Asia/Tokyo) gets one STANDARD observance.
/// </summary>
public static class IcsTimeZone
{
    /// <summary>The observances of <paramref name="zone"/> around <paramref name="year"/>, as Ical.Net components.</summary>
    public static VTimeZone Build(DateTimeZone zone, int year)
    {
        var from = Instant.FromUtc(year - 1, 1, 1, 0, 0);
        var to = Instant.FromUtc(year + 2, 1, 1, 0, 0);
        var intervals = zone.GetZoneIntervals(from, to).ToList();
        var transitions = Enumerable.Range(1, intervals.Count - 1).Select(i => Transition.Of(intervals[i - 1], intervals[i])).ToList();

        var vtz = new VTimeZone(zone.Id);
        if (transitions.Count == 0)
        {
            var only = intervals[0];
            vtz.AddChild(Observance(only.Savings != Offset.Zero, only.WallOffset, only.WallOffset, only.Name, from.WithOffset(only.WallOffset).LocalDateTime, null));
            return vtz;
        }

        var rules = YearlyRules(transitions, year);
        if (rules is not null)
        {
            foreach (var (first, rule) in rules)
                vtz.AddChild(Observance(first.IsDaylight, first.OffsetFrom, first.OffsetTo, first.Name, first.LocalOnset, rule));
            return vtz;
        }

        // Irregular: the state at the start of the window, then every transition as its own observance.
        var initial = intervals[0];
        vtz.AddChild(Observance(initial.Savings != Offset.Zero, initial.WallOffset, initial.WallOffset, initial.Name, from.WithOffset(initial.WallOffset).LocalDateTime, null));
        foreach (var t in transitions)
            vtz.AddChild(Observance(t.IsDaylight, t.OffsetFrom, t.OffsetTo, t.Name, t.LocalOnset, null));
        return vtz;
    }

    /// <summary>One zone transition: its onset in the local time before it (as VTIMEZONE's DTSTART is written) and both offsets.</summary>
    private sealed record Transition(bool IsDaylight, Offset OffsetFrom, Offset OffsetTo, string Name, LocalDateTime LocalOnset)
    {
        public static Transition Of(ZoneInterval before, ZoneInterval after) => new(
            after.Savings != Offset.Zero, before.WallOffset, after.WallOffset, after.Name,
            after.Start.WithOffset(before.WallOffset).LocalDateTime);

        /// <summary>The weekday-in-month positions that name this onset's date: the nth weekday, and -1 when it is the last.</summary>
        public IEnumerable<int> Positions()
        {
            var date = LocalOnset.Date;
            yield return (date.Day - 1) / 7 + 1;
            if (date.Day + 7 > date.Calendar.GetDaysInMonth(date.Year, date.Month)) yield return -1;
        }
    }

    /// <summary>
    /// The transitions as yearly rules, or null when they are not exactly one onset per rule in each of the three years
    /// around <paramref name="year"/> at the same month, weekday position and local time.
    /// </summary>
    private static List<(Transition First, RecurrenceRule Rule)>? YearlyRules(List<Transition> transitions, int year)
    {
        var result = new List<(Transition, RecurrenceRule)>();
        var groups = transitions.GroupBy(t => (t.IsDaylight, t.OffsetFrom, t.OffsetTo, t.Name, t.LocalOnset.Month, t.LocalOnset.DayOfWeek, t.LocalOnset.TimeOfDay));
        foreach (var group in groups)
        {
            var onsets = group.OrderBy(t => t.LocalOnset).ToList();
            if (!onsets.Select(t => t.LocalOnset.Year).SequenceEqual([year - 1, year, year + 1])) return null;
            var common = onsets.Select(t => t.Positions().ToHashSet()).Aggregate((a, b) => { a.IntersectWith(b); return a; });
            if (common.Count == 0) return null;
            var position = common.Where(p => p is >= 1 and <= 3).DefaultIfEmpty(common.Contains(-1) ? -1 : common.Max()).First();
            var rule = new RecurrenceRule(FrequencyType.Yearly);
            rule.ByMonth.Add(onsets[0].LocalOnset.Month);
            rule.ByDay.Add(new WeekDay(BclConversions.ToDayOfWeek(onsets[0].LocalOnset.DayOfWeek), position));
            result.Add((onsets[0], rule));
        }
        return result;
    }

    private static VTimeZoneInfo Observance(bool daylight, Offset from, Offset to, string name, LocalDateTime onset, RecurrenceRule? rule)
    {
        var info = new VTimeZoneInfo
        {
            Name = daylight ? Components.Daylight : Components.Standard,
            OffsetFrom = new UtcOffset(from.ToTimeSpan()),
            OffsetTo = new UtcOffset(to.ToTimeSpan()),
            TimeZoneName = name,
            Start = new CalDateTime(onset.Year, onset.Month, onset.Day, onset.Hour, onset.Minute, onset.Second),
        };
        if (rule is not null) info.RecurrenceRule = rule;
        return info;
    }
}
