using System.Diagnostics;
using System.Globalization;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>gate --timings</c>: a Stopwatch breakdown per phase (load, history, each rule, report) written to standard error,
/// so a slow gate can be profiled on real evidence without a profiler (docs/performance.md).
/// </summary>
internal sealed class GateTimings(bool enabled)
{
    private readonly List<(string Phase, TimeSpan Start, TimeSpan Elapsed, bool Part)> _phases = [];

    /// <summary>When the process started, so each phase can say when it ran: phases overlap, and the order is the story.</summary>
    private readonly DateTime _processStart = enabled ? ProcessStart() : default;

    private static DateTime ProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime;
    }

    public static GateTimings Off { get; } = new(false);

    /// <summary>The phase that runs every rule; the rules inside it run in parallel, so their own times overlap.</summary>
    public const string AllRules = "rules (all, in parallel)";

    public T Time<T>(string phase, Func<T> work) => Time(phase, work, part: false);

    /// <summary>A step inside a phase (e.g. the history's index): listed, but not added to the total a second time.</summary>
    public T Part<T>(string phase, Func<T> work) => Time(phase, work, part: true);

    private T Time<T>(string phase, Func<T> work, bool part)
    {
        if (!enabled) return work();
        var start = DateTime.Now - _processStart;
        var watch = Stopwatch.StartNew();
        var result = work();
        lock (_phases) _phases.Add((phase, start, watch.Elapsed, part));
        return result;
    }

    /// <summary>The rules, each timed as a part of <see cref="AllRules"/> (its findings materialised inside the measurement).</summary>
    public IReadOnlyList<IGateRule> Wrap(IReadOnlyList<IGateRule> rules) => enabled ? rules.Select(r => (IGateRule)new TimedRule(r, this)).ToList() : rules;

    public void Write(TextWriter error)
    {
        if (!enabled) return;
        var total = _phases.Where(p => !p.Part).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Elapsed);
        foreach (var (phase, start, elapsed, part) in _phases.OrderByDescending(p => p.Elapsed))
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"timings: {elapsed.TotalMilliseconds,9:0.0} ms  {(part ? "  part of " : string.Empty)}{phase}{(part ? string.Empty : $" (from {start.TotalSeconds:0.00} to {(start + elapsed).TotalSeconds:0.00} s)")}"));
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timings: {total.TotalMilliseconds,9:0.0} ms  sum of the phases above (history and rules overlap; process start and JIT not included)"));
        // What the phases do not show: the process as a whole, and the garbage collector's share of it.
        using var process = Process.GetCurrentProcess();
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"timings: {(DateTime.Now - _processStart).TotalMilliseconds,9:0.0} ms  since the process started ({process.TotalProcessorTime.TotalMilliseconds:0} ms CPU)"));
        // The heap left after the last collection and the process's peak: on a machine where page faults are dear, the
        // memory a run touches costs as much as the collector's pauses (docs/performance.md, "Sixth pass").
        var heap = GC.GetGCMemoryInfo();
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"timings: garbage collector: {GC.GetTotalAllocatedBytes() / 1048576.0:0} MiB allocated, {GC.CollectionCount(0)} gen0 / {GC.CollectionCount(1)} gen1 / {GC.CollectionCount(2)} gen2 collections, paused {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms; heap {heap.HeapSizeBytes / 1048576.0:0} MiB, peak working set {process.PeakWorkingSet64 / 1048576.0:0} MiB"));
    }

    /// <summary>A line about the run that explains its times (e.g. how much the load cache served), shown with them.</summary>
    public void Note(TextWriter error, string note)
    {
        if (enabled) error.WriteLine("timings: " + note);
    }

    private sealed class TimedRule(IGateRule inner, GateTimings timings) : IGateRule
    {
        public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context) =>
            timings.Part("rule " + inner.GetType().Name, () => inner.Evaluate(evidence, context).ToList());
    }
}
