using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Hashing;
using EvidenceTasks.Core.History;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.IO.History;

/// <summary>
/// Builds <see cref="PullRequestChanges"/> for <c>gate --base</c> from git's tree diff between the merge base and HEAD,
/// so the work grows with the pull request, not with the repository: the changed paths, both versions of each guarded
/// file it modifies or deletes, and the evidence of both commits, derived from the evidence the gate already loaded from
/// the working tree by swapping in only the files that differ (uncommitted files for HEAD, then the changed files for
/// the merge base), each loaded by the same loader as a folder.
/// </summary>
public static class PullRequestDiffer
{
    /// <param name="workingTree">The evidence the gate loaded from the repository's working tree.</param>
    public static PullRequestChanges Diff(IEvidenceHistory history, HistoryCommit mergeBase, HistoryCommit head, EvidenceSet workingTree, EvidenceLoader loader, LoadCache cache) =>
        Diff(history, mergeBase, head, history.Changes(mergeBase, head), workingTree, loader, cache);

    /// <param name="changes">The tree diff from <paramref name="mergeBase"/> to <paramref name="head"/>, as <see cref="IEvidenceHistory.Changes(HistoryCommit?, HistoryCommit, IReadOnlyCollection{string}?)"/> gives it (worked out earlier, beside the load).</param>
    public static PullRequestChanges Diff(IEvidenceHistory history, HistoryCommit mergeBase, HistoryCommit head, IReadOnlyList<EvidenceBlobChange> changes, EvidenceSet workingTree, EvidenceLoader loader, LoadCache cache)
    {
        var paths = changes
            .Select(c => new PathChange(c.Path, c.OldBlob is null ? PathChangeType.Added : c.NewBlob is null ? PathChangeType.Deleted : PathChangeType.Modified))
            .ToImmutableArray();

        var guardedPaths = changes.Where(c => c.OldBlob is not null && GuardedKindOf(c.Path) is not null).Select(c => c.Path).ToList();
        var baseFiles = history.FilesOf(mergeBase, guardedPaths);
        var headFiles = history.FilesOf(head, guardedPaths);
        var before = baseFiles.Enumerate(new List<Finding>()).ToDictionary(e => e.Path, StringComparer.Ordinal);
        var after = headFiles.Enumerate(new List<Finding>()).ToDictionary(e => e.Path, StringComparer.Ordinal);
        var guarded = guardedPaths
            .Select(p => new EvidenceChange(p, GuardedKindOf(p)!.Value, Version(baseFiles, before[p]),
                after.TryGetValue(p, out var now) ? Version(headFiles, now) : null))
            .ToImmutableArray();

        var headEvidence = WithFilesOf(workingTree, history, head, history.UncommittedPaths(), loader, cache);
        var baseEvidence = WithFilesOf(headEvidence, history, mergeBase, changes.Select(c => c.Path).ToHashSet(StringComparer.Ordinal), loader, cache);
        return new PullRequestChanges(mergeBase, head, baseEvidence, headEvidence, paths, guarded);
    }

    /// <summary><paramref name="evidence"/> with <paramref name="paths"/> taken as they are in <paramref name="commit"/> (absent there: removed).</summary>
    private static EvidenceSet WithFilesOf(EvidenceSet evidence, IEvidenceHistory history, HistoryCommit commit, IReadOnlySet<string> paths, EvidenceLoader loader, LoadCache cache) =>
        paths.Count == 0 ? evidence : evidence.ReplaceFiles(paths, loader.Load(history.FilesOf(commit, paths), cache).Evidence);

    /// <summary>The append-only kinds (docs/history-rules.md); everything else may change in a pull request.</summary>
    public static GuardedKind? GuardedKindOf(string path) => EvidenceLayout.Classify(path)?.Layout.Kind switch
    {
        EvidenceKind.AttendanceReceipt => GuardedKind.AttendanceReceipt,
        EvidenceKind.MockAuditLog => GuardedKind.MockAuditLog,
        EvidenceKind.QuorumManifest => GuardedKind.QuorumManifest,
        EvidenceKind.SprintBudget => GuardedKind.SprintBudget,
        EvidenceKind.Readback => GuardedKind.Readback,
        EvidenceKind.IcsHold => GuardedKind.IcsHold,
        _ => null,
    };

    private static FileVersion Version(IEvidenceSource source, SourceEntry entry)
    {
        var bytes = source.Read(entry);
        var text = Encoding.UTF8.GetString(bytes);
        if (!entry.Path.EndsWith(".json", StringComparison.Ordinal)) return new FileVersion(text, null, PositionMap.Empty);
        var parsed = JsonDocumentParser.Parse(entry.Path, bytes);
        if (parsed.Document is not { Root: JsonObject root } document) return new FileVersion(text, null, PositionMap.Empty);
        var fields = root.ToImmutableSortedDictionary(p => p.Key, p => Jcs.Canonicalize(p.Value), StringComparer.Ordinal);
        return new FileVersion(text, fields, document.Positions);
    }
}
