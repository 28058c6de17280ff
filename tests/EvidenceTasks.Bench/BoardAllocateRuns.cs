using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Allocation;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Synthesis;
using EvidenceTasks.Core.Trends;
using NodaTime;

namespace EvidenceTasks.Bench;

/// <summary>
/// <c>board</c> + <c>allocate</c> over N in-memory deficiency events: the trend board (events, lookback, rows, snapshot
/// hash) and the allocator's budget, timed as one step on a fresh EvidenceSet each run (its indexes are built inside the
/// measurement), median of several runs.
/// </summary>
public static class BoardAllocateRuns
{
    public const int Windows = 12;
    public const int TicketsPerLog = 20;
    public static readonly Instant AsOf = Instant.FromUtc(2027, 1, 1, 0, 0);

    public static int Run(int events)
    {
        var evidence = InMemory(events);
        var config = Config();
        var times = new List<double>();
        string? hash = null;
        for (var run = 0; run < 7; run++)
        {
            var fresh = evidence with { }; // the copy does not share the lazily built indexes
            var watch = Stopwatch.StartNew();
            var (board, allocation) = BoardAndAllocate(fresh, config);
            times.Add(watch.Elapsed.TotalMilliseconds);
            hash ??= board.SnapshotHash;
            if (hash != board.SnapshotHash) throw new InvalidOperationException("the board changed between runs");
            if (run == 0)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"board: {board.Events.Length} events, {board.Rows.Length} rows, hash {hash[..12]}; reserved {allocation.ReservedPct} %"));
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"board+allocate over {events} events: median {times[times.Count / 2]:0} ms (runs: {string.Join(", ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms; first run includes JIT)"));
        return 0;
    }

    public static (TrendBoard Board, HardeningAllocation Allocation) BoardAndAllocate(EvidenceSet evidence, AllocatorConfig config)
    {
        var board = TrendBoard.Compute(evidence, AsOf);
        _ = board.SnapshotHash;
        return (board, Allocator.Allocate(config, board.Rows));
    }

    /// <summary>N tickets on N/20 scored logs in 12 cert windows of the last 180 days, so every ticket is a board event.</summary>
    public static EvidenceSet InMemory(int events)
    {
        var random = new Random(42);
        var tags = SyntheticCorpus.Rubric.FailureModeTags;
        string[] severities = ["cert_blocking", "major", "minor", "minor"];
        string[] statuses = ["open", "resolved", "withdrawn", "carved_out"];
        var logCount = Math.Max(1, events / TicketsPerLog);
        var logs = ImmutableArray.CreateBuilder<MockAuditLog>(logCount);
        for (var l = 0; l < logCount; l++)
        {
            var window = l % Windows;
            var at = AsOf - Duration.FromDays(170) + Duration.FromDays(14 * window) + Duration.FromMinutes(l / Windows);
            logs.Add(new MockAuditLog($"log-{l:D7}", $"att-{l:D7}", SyntheticCorpus.WindowId(window), SyntheticCorpus.RubricVersion, "T-14", at, "scored",
                ImmutableSortedDictionary<int, int>.Empty, 80, true, Origin.Synthetic($"evidence/mock-audit-logs/log-{l:D7}.json")));
        }
        var carveOuts = tags.Select((tag, i) => new CarveOut($"co-{i:D4}", i % 7 + 1, tag, "ceo.bob", AsOf - Duration.FromDays(400), AsOf + Duration.FromDays(400), "bench",
            Origin.Synthetic($"evidence/carve-outs/co-{i:D4}.yaml"))).ToImmutableArray();
        var tickets = ImmutableArray.CreateBuilder<DeficiencyTicket>(events);
        for (var t = 0; t < events; t++)
        {
            var log = logs[t % logCount];
            var status = statuses[random.Next(statuses.Length)];
            tickets.Add(new DeficiencyTicket($"def-{t:D7}", log.MockAuditId, log.CertWindowId, random.Next(1, 8), tags[random.Next(tags.Length)],
                severities[random.Next(severities.Length)], "T-14", status,
                status == "resolved" ? log.RehearsalDtUtc + Duration.FromHours(random.Next(1, 400)) : null,
                status == "carved_out" ? carveOuts[random.Next(carveOuts.Length)].CarveOutId : null,
                "1.4.0", "eps-2026.2", null, Origin.Synthetic($"evidence/deficiencies/def-{t:D7}.yaml")));
        }
        return new EvidenceSet { Logs = logs.MoveToImmutable(), Deficiencies = tickets.MoveToImmutable(), CarveOuts = carveOuts, Rubrics = [SyntheticCorpus.Rubric] };
    }

    public static AllocatorConfig Config() => new(
        [
            new("lessons_164_166", [1, 4], null), new("lesson_163", [2], null), new("lesson_165", [3], null),
            new("lesson_167", [5], null), new("lesson_170", [6], null), new("lesson_171", [7], null),
        ],
        new Dictionary<string, decimal> { ["structural-red"] = 5, ["hot"] = 3, ["recurring-minor"] = 1, ["improving"] = 0.5m, ["stable"] = 0 }
            .ToImmutableSortedDictionary(StringComparer.Ordinal),
        40, 20, AllocatorConfig.DefaultLockDeadlineHours, Origin.Synthetic("governance/allocator.yaml"));
}
