using System.Collections.Immutable;
using System.Diagnostics;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Trends;

namespace EvidenceTasks.Bench;

public static class BoardSteps
{
    public static int Run(int n)
    {
        var ev = BoardAllocateRuns.InMemory(n);
        for (var run = 0; run < 3; run++)
        {
            var e = ev with { };
            var w = Stopwatch.StartNew();
            void Lap(string s) { Console.WriteLine($"{s}: {w.ElapsedMilliseconds} ms"); w.Restart(); }
            _ = e.LogsById; Lap("indexes");
            var all = DeficiencyEvent.At(e, BoardAllocateRuns.AsOf).ToList(); Lap("events");
            var sorted = all.OrderBy(x => x.Ticket.DeficiencyId, StringComparer.Ordinal).ToImmutableArray(); Lap("sort by id");
            var groups = sorted.GroupBy(x => (x.RubricDimension, x.FailureModeTag)).Select(g => g.ToList()).ToList(); Lap("group");
            foreach (var g in groups) { _ = g.Select(x => x.CertWindowId).Distinct(StringComparer.Ordinal).Count(); _ = TrendBoard.AverageResolutionHours(g, BoardAllocateRuns.AsOf); } Lap("rows");
            var paths = new HashSet<string>(StringComparer.Ordinal); foreach (var x in sorted) { paths.Add(x.Ticket.Origin.Path); paths.Add(x.Log.Origin.Path); } var arr = paths.ToArray(); Array.Sort(arr, StringComparer.Ordinal); Lap("inputs hashset+sort"); _ = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, arr); Lap("inputs tree");
            var full = TrendBoard.Compute(ev with { }, BoardAllocateRuns.AsOf); Lap("whole Compute");
            _ = full.SnapshotHash; Lap("hash");
        }
        return 0;
    }
}
