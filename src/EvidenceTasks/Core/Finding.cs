namespace EvidenceTasks.Core;

/// <summary>A 1-based line and column in a text file.</summary>
public readonly record struct TextPosition(int Line, int Column)
{
    public static readonly TextPosition Start = new(1, 1);
}

/// <summary>A place in the evidence repository: a path relative to its root (forward slashes) and a position.</summary>
public sealed record SourceLocation(string Path, int Line, int Column)
{
    public static SourceLocation At(string path, TextPosition position) => new(path, position.Line, position.Column);

    public override string ToString() => $"{Path}:{Line}:{Column}";
}

/// <summary>One gate finding: which reason, where, what is wrong and how to fix it.</summary>
public sealed record Finding(BlockReason Reason, Severity Severity, SourceLocation Location, string Message, string Fix)
{
    public static Finding Error(BlockReason reason, SourceLocation location, string message, string? fix = null) =>
        new(reason, Severity.Error, location, message, fix ?? reason.Fix);

    public static Finding Warning(BlockReason reason, SourceLocation location, string message, string? fix = null) =>
        new(reason, Severity.Warning, location, message, fix ?? reason.Fix);

    public bool Blocks => Severity == Severity.Error;

    /// <summary>
    /// Report order: errors before warnings, then registry priority, then path, line and column.
    /// A total order, so output is byte-identical whatever order rules ran in.
    /// </summary>
    public static IComparer<Finding> ReportOrder { get; } = Comparer<Finding>.Create(static (a, b) =>
    {
        var c = a.Severity.CompareTo(b.Severity);
        if (c == 0) c = a.Reason.Priority.CompareTo(b.Reason.Priority);
        if (c == 0) c = string.CompareOrdinal(a.Location.Path, b.Location.Path);
        if (c == 0) c = a.Location.Line.CompareTo(b.Location.Line);
        if (c == 0) c = a.Location.Column.CompareTo(b.Location.Column);
        if (c == 0) c = string.CompareOrdinal(a.Reason.Id, b.Reason.Id);
        if (c == 0) c = string.CompareOrdinal(a.Message, b.Message);
        return c;
    });
}
