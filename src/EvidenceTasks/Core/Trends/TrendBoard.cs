using System.Collections.Immutable;
using System.Numerics;
using System.Text.Json.Nodes;
using EvidenceTasks.Core.Allocation;
using EvidenceTasks.Core.Hashing;
using NodaTime;

namespace EvidenceTasks.Core.Trends;

/// <summary>One row of <c>deficiency_trend_board</c>: the seed's nine columns.</summary>
public sealed record TrendBoardRow(
    int RubricDimension,
    string FailureModeTag,
    int EventCount,
    int WindowCount,
    int CertBlockingCount,
    int CarveOutCount,
    decimal? AvgResolutionHours,
    Instant MostRecentDtUtc,
    string Classification)
{
    /// <summary>The row exactly as hashed and as printed by <c>board --format json</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["rubric_dimension"] = RubricDimension,
        ["failure_mode_tag"] = FailureModeTag,
        ["event_count"] = EventCount,
        ["window_count"] = WindowCount,
        ["cert_blocking_count"] = CertBlockingCount,
        ["carve_out_count"] = CarveOutCount,
        ["avg_resolution_hours"] = AvgResolutionHours is { } h ? JsonValue.Create((double)h) : null,
        ["most_recent_dt_utc"] = Timestamps.Format(MostRecentDtUtc),
        ["classification"] = Classification,
    };

    public (int Dimension, string Tag) Key => (RubricDimension, FailureModeTag);
}

/// <summary>
/// The recurrence trend board at one <c>as_of</c> (Lesson 173 as fixed by SPEC.md "Trend board"): a pure function of
/// the evidence and the instant, with the events and lookback windows it was computed from.
/// </summary>
/// <remarks><see cref="InputPaths"/>: every file the rows depend on — each counted event's ticket and log, and the
/// carve-out file of each carved-out ticket (its approval time decides carve_out_count) — in ordinal order.</remarks>
public sealed record TrendBoard(
    Instant AsOf,
    ImmutableArray<string> LookbackWindows,
    ImmutableArray<TrendBoardRow> Rows,
    ImmutableArray<DeficiencyEvent> Events,
    ImmutableArray<string> InputPaths)
{
    /// <summary>How many cert windows the rolling lookback keeps.</summary>
    public const int LookbackWindowCount = 12;

    /// <summary>A window is a lookback candidate when it has an event this close before as_of.</summary>
    public static readonly Duration LookbackSpan = Duration.FromDays(180);

    private string? _hash;

    /// <summary><c>trend_board_snapshot_hash</c>: SHA-256 of the RFC 8785 form of <c>{as_of, rows}</c>.</summary>
    public string SnapshotHash => _hash ??= Sha256Hex.OfCanonical(SnapshotJson());

    /// <summary>The hashed value: <c>{"as_of": "...", "rows": [row, ...]}</c> with rows in board order.</summary>
    public JsonObject SnapshotJson() => new()
    {
        ["as_of"] = Timestamps.Format(AsOf),
        ["rows"] = new JsonArray(Rows.Select(r => (JsonNode)r.ToJson()).ToArray()),
    };

    public int Count(string classification) => Rows.Count(r => r.Classification == classification);

    public TrendBoardRow? Find(int dimension, string tag) =>
        Rows.FirstOrDefault(r => r.RubricDimension == dimension && r.FailureModeTag == tag);

    public static TrendBoard Compute(EvidenceSet evidence, Instant asOf)
    {
        var all = DeficiencyEvent.At(evidence, asOf).ToList();
        var windows = LookbackWindowsOf(all, asOf);
        var chosen = windows.ToHashSet(StringComparer.Ordinal);
        var events = OrderedById(all.Where(e => chosen.Contains(e.CertWindowId)).ToList());
        var rows = events
            .GroupBy(e => (e.RubricDimension, e.FailureModeTag))
            .Select(g => Row(g.Key.RubricDimension, g.Key.FailureModeTag, g.ToList(), asOf, evidence))
            .OrderBy(r => Classifications.Priority(r.Classification))
            .ThenByDescending(r => r.CertBlockingCount)
            .ThenByDescending(r => r.EventCount)
            .ThenBy(r => r.RubricDimension)
            .ThenBy(r => r.FailureModeTag, StringComparer.Ordinal)
            .ToImmutableArray();
        return new TrendBoard(asOf, windows, rows, events, InputPathsOf(events, evidence));
    }

    /// <summary>Events by deficiency_id, ordinal, stable (tickets arrive in file order, which is id order for every usual id).</summary>
    private static ImmutableArray<DeficiencyEvent> OrderedById(List<DeficiencyEvent> events) =>
        StableOrder.Of(events, (a, b) => string.CompareOrdinal(a.Ticket.DeficiencyId, b.Ticket.DeficiencyId));

    /// <summary>
    /// Each event's ticket and log file and its carve-out's file, sorted (ordinal) and distinct. Tickets are one per event
    /// and already nearly in path order, so they are only sorted when a check finds them out of order; the far fewer log
    /// and carve-out paths are deduplicated and sorted on their own, then the two sorted lists are merged. (Sorting a
    /// million paths was the largest step of the board at scale: docs/performance.md.)
    /// </summary>
    private static ImmutableArray<string> InputPathsOf(ImmutableArray<DeficiencyEvent> events, EvidenceSet evidence)
    {
        var ticketPaths = new string[events.Length];
        var others = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            ticketPaths[i] = e.Ticket.Origin.Path;
            others.Add(e.Log.Origin.Path);
            if (e.Ticket.CarveOutId is { } id && evidence.CarveOutsById.TryGetValue(id, out var c)) others.Add(c.Origin.Path);
        }
        var tickets = StableOrder.Of(ticketPaths, string.CompareOrdinal);
        var rest = others.ToArray();
        Array.Sort(rest, StringComparer.Ordinal);
        return MergeDistinct(tickets, rest);
    }

    /// <summary>The union of two ordinal-sorted arrays, sorted, each path once.</summary>
    private static ImmutableArray<string> MergeDistinct(ImmutableArray<string> a, string[] b)
    {
        var merged = ImmutableArray.CreateBuilder<string>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var next = j >= b.Length || (i < a.Length && string.CompareOrdinal(a[i], b[j]) <= 0) ? a[i++] : b[j++];
            if (merged.Count == 0 || !string.Equals(merged[^1], next, StringComparison.Ordinal)) merged.Add(next);
        }
        return merged.DrainToImmutable();
    }

    /// <summary>
    /// The 12 most recent cert windows among those with an event in the 180 days up to as_of, ranked by their latest
    /// rehearsal (not by id: the seed's string order is not recency); equal latest rehearsals rank by cert_window_id, ordinal.
    /// </summary>
    private static ImmutableArray<string> LookbackWindowsOf(IReadOnlyCollection<DeficiencyEvent> events, Instant asOf)
    {
        var since = asOf - LookbackSpan;
        return events
            .GroupBy(e => e.CertWindowId, StringComparer.Ordinal)
            .Where(g => g.Any(e => e.RehearsalDtUtc >= since))
            .Select(g => (Window: g.Key, Latest: g.Max(e => e.RehearsalDtUtc)))
            .OrderByDescending(w => w.Latest)
            .ThenBy(w => w.Window, StringComparer.Ordinal)
            .Take(LookbackWindowCount)
            .Select(w => w.Window)
            .ToImmutableArray();
    }

    /// <summary>One row from its events in a single pass (at a million events, five LINQ passes per row added up).</summary>
    private static TrendBoardRow Row(int dimension, string tag, List<DeficiencyEvent> events, Instant asOf, EvidenceSet evidence)
    {
        var windows = new HashSet<string>(StringComparer.Ordinal);
        int certBlocking = 0, carvedOut = 0;
        var mostRecent = Instant.MinValue;
        foreach (var e in events)
        {
            windows.Add(e.CertWindowId);
            if (e.IsCertBlocking) certBlocking++;
            if (e.IsCarvedOutAt(asOf, evidence.CarveOutsById)) carvedOut++;
            if (e.RehearsalDtUtc > mostRecent) mostRecent = e.RehearsalDtUtc;
        }
        return new TrendBoardRow(dimension, tag, events.Count, windows.Count, certBlocking, carvedOut,
            AverageResolutionHours(events, asOf), mostRecent, Classifications.Classify(windows.Count, certBlocking, mostRecent, asOf));
    }

    /// <summary>
    /// Mean of (resolved − rehearsal) over the events resolved at as_of, computed exactly from whole seconds and rounded
    /// half away from zero to 4 decimals; null when none is resolved.
    /// </summary>
    public static decimal? AverageResolutionHours(IEnumerable<DeficiencyEvent> events, Instant asOf)
    {
        // Int128 holds any sum of long second counts exactly (BigInteger allocated on every addition at scale).
        Int128 seconds = 0;
        var n = 0;
        foreach (var e in events)
        {
            if (e.ResolvedAt(asOf) is not { } resolved) continue;
            seconds += resolved.ToUnixTimeSeconds() - e.RehearsalDtUtc.ToUnixTimeSeconds();
            n++;
        }
        return n == 0 ? null : new Fraction((BigInteger)seconds, (BigInteger)n * 3600).Round(4);
    }
}
