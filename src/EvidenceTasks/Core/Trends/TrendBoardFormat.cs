using System.Globalization;

namespace EvidenceTasks.Core.Trends;

/// <summary>How board rows are shown to people: the seed's nine columns, the hashed values written out.</summary>
public static class TrendBoardFormat
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "rubric_dimension", "failure_mode_tag", "event_count", "window_count", "cert_blocking_count",
        "carve_out_count", "avg_resolution_hours", "most_recent_dt_utc", "classification",
    ];

    /// <summary>The nine cells of a row as text (<c>null</c> for no resolution, as in the hashed JSON).</summary>
    public static IReadOnlyList<string> Cells(TrendBoardRow r) =>
    [
        r.RubricDimension.ToString(CultureInfo.InvariantCulture),
        r.FailureModeTag,
        r.EventCount.ToString(CultureInfo.InvariantCulture),
        r.WindowCount.ToString(CultureInfo.InvariantCulture),
        r.CertBlockingCount.ToString(CultureInfo.InvariantCulture),
        r.CarveOutCount.ToString(CultureInfo.InvariantCulture),
        r.AvgResolutionHours is { } h ? h.ToString("0.####", CultureInfo.InvariantCulture) : "null",
        Timestamps.Format(r.MostRecentDtUtc),
        r.Classification,
    ];

    /// <summary>A GitHub-flavoured Markdown table of the rows, one line per entry (header and separator first).</summary>
    public static IEnumerable<string> MarkdownTable(IEnumerable<TrendBoardRow> rows)
    {
        yield return "| " + string.Join(" | ", Columns) + " |";
        yield return "|" + string.Concat(Columns.Select(_ => "---|"));
        foreach (var r in rows) yield return "| " + string.Join(" | ", Cells(r)) + " |";
    }
}
