using System.Collections.Immutable;

namespace EvidenceTasks.Core.History;

/// <summary>The kinds of merged evidence that are append-only (docs/history-rules.md).</summary>
public enum GuardedKind
{
    AttendanceReceipt,
    MockAuditLog,
    QuorumManifest,
    SprintBudget,
    Readback,
    IcsHold,
}

/// <summary>How a path differs between the merge base and HEAD.</summary>
public enum PathChangeType
{
    Added,
    Modified,
    Deleted,
}

public sealed record PathChange(string Path, PathChangeType Type);

/// <summary>
/// One version of a changed file: its text, and for a JSON object its top-level members in RFC 8785 canonical form
/// (so a layout-only change and a value change can be told apart), with the positions of the members.
/// </summary>
public sealed record FileVersion(string Text, ImmutableSortedDictionary<string, string>? Fields, PositionMap Positions);

/// <summary>A guarded file that exists at the merge base and is modified or (<see cref="After"/> null) deleted at HEAD.</summary>
public sealed record EvidenceChange(string Path, GuardedKind Kind, FileVersion Before, FileVersion? After);

/// <summary>
/// What a pull request does to the evidence: every changed path between the merge base and HEAD, the guarded files it
/// changes with both versions, and the evidence of both commits (as the same loader reads them from a folder).
/// </summary>
public sealed record PullRequestChanges(
    HistoryCommit MergeBase,
    HistoryCommit Head,
    EvidenceSet BaseEvidence,
    EvidenceSet HeadEvidence,
    ImmutableArray<PathChange> Paths,
    ImmutableArray<EvidenceChange> Guarded)
{
    /// <summary>
    /// Every path of the whole tree (not only evidence) that the pull request changes, when the caller knows them
    /// (<c>gate --base</c> in a git repository): read by <see cref="JudgeChangesSummarizer"/>.
    /// </summary>
    public ImmutableArray<PathChange> JudgeChanges { get; init; } = [];

    /// <summary>Every path the pull request adds, modifies or deletes.</summary>
    public ImmutableHashSet<string> Touched { get; } = Paths.Select(p => p.Path).ToImmutableHashSet(StringComparer.Ordinal);
}
