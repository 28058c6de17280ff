using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Hashing;
using EvidenceTasks.Core.History;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.IO.History;

/// <summary>
/// Builds <see cref="PullRequestChanges"/> for <c>gate --base</c>: both trees loaded by the same loader as a folder, every
/// changed path, and both versions of each guarded file that the pull request modifies or deletes.
/// </summary>
public static class PullRequestDiffer
{
    public static PullRequestChanges Diff(IEvidenceHistory history, HistoryCommit mergeBase, HistoryCommit head, EvidenceLoader loader, LoadCache cache)
    {
        var baseSource = history.TreeOf(mergeBase);
        var headSource = history.TreeOf(head);
        var before = baseSource.Enumerate(new List<Finding>()).ToDictionary(e => e.Path, StringComparer.Ordinal);
        var after = headSource.Enumerate(new List<Finding>()).ToDictionary(e => e.Path, StringComparer.Ordinal);

        var paths = ImmutableArray.CreateBuilder<PathChange>();
        var guarded = ImmutableArray.CreateBuilder<EvidenceChange>();
        foreach (var path in before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(path);
            var now = after.GetValueOrDefault(path);
            if (old is not null && now is not null && old.ContentKey == now.ContentKey && old.Type == now.Type) continue;
            var type = old is null ? PathChangeType.Added : now is null ? PathChangeType.Deleted : PathChangeType.Modified;
            paths.Add(new PathChange(path, type));
            if (old is null || GuardedKindOf(path) is not { } kind) continue;
            guarded.Add(new EvidenceChange(path, kind, Version(baseSource, old), now is null ? null : Version(headSource, now)));
        }

        return new PullRequestChanges(mergeBase, head,
            loader.Load(baseSource, cache).Evidence, loader.Load(headSource, cache).Evidence,
            paths.ToImmutable(), guarded.ToImmutable());
    }

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
