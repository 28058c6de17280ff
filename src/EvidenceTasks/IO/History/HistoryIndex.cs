using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.Core.History;

namespace EvidenceTasks.IO.History;

/// <summary>A path's content changed in a commit: it differs there from every parent (null blob: deleted).</summary>
public sealed record PathEvent(HistoryCommit Commit, string? Blob, PathChangeType Type);

/// <summary>
/// The commits of a walk and, for every evidence path, the commits that changed it. Built from the blob ids of each
/// commit's evidence, memoised by <see cref="IEvidenceHistory.EvidenceKey"/>: a commit whose evidence equals one of its
/// parents' changes nothing and costs one key comparison. Nothing here parses a file.
/// </summary>
public sealed class HistoryIndex
{
    private readonly IEvidenceHistory _history;
    private readonly Dictionary<string, ImmutableDictionary<string, string>> _blobsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keyBySha = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PathEvent>> _events = new(StringComparer.Ordinal);

    public HistoryIndex(IEvidenceHistory history, HistoryCommit to, HistoryCommit? from = null)
    {
        _history = history;
        Commits = history.Walk(to, from);
        // A commit's path-to-blob map is needed until its last child in the walk is recorded; dropping it then keeps
        // memory at a few trees instead of one map per commit (5,000 commits x 95,000 files exhausted 23 GiB).
        var pendingChildren = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var commit in Commits)
            foreach (var parent in commit.ParentShas)
                pendingChildren[parent] = pendingChildren.GetValueOrDefault(parent) + 1;
        foreach (var commit in Commits)
        {
            Record(commit);
            foreach (var parent in commit.ParentShas)
            {
                if (--pendingChildren[parent] == 0 && _keyBySha.TryGetValue(parent, out var key) && !StillNeeded(key, pendingChildren))
                    _blobsByKey.Remove(key);
            }
        }
    }

    /// <summary>Another commit with the same evidence key may still have children to record.</summary>
    private bool StillNeeded(string key, Dictionary<string, int> pendingChildren) =>
        pendingChildren.Any(p => p.Value > 0 && _keyBySha.TryGetValue(p.Key, out var k) && k == key);

    /// <summary>The walked commits, oldest first, parents before children.</summary>
    public IReadOnlyList<HistoryCommit> Commits { get; }

    /// <summary>Every path that changed at least once in the walk.</summary>
    public IEnumerable<string> Paths => _events.Keys;

    /// <summary>The commits that added, modified or deleted <paramref name="path"/>, in walk order.</summary>
    public IReadOnlyList<PathEvent> EventsOf(string path) => _events.TryGetValue(path, out var list) ? list : [];

    public string KeyOf(HistoryCommit commit)
    {
        if (!_keyBySha.TryGetValue(commit.Sha, out var key)) _keyBySha[commit.Sha] = key = _history.EvidenceKey(commit);
        return key;
    }

    /// <summary>Path to blob id of every evidence file of <paramref name="commit"/>.</summary>
    public ImmutableDictionary<string, string> BlobsAt(HistoryCommit commit)
    {
        var key = KeyOf(commit);
        if (_blobsByKey.TryGetValue(key, out var blobs)) return blobs;
        blobs = _history.TreeOf(commit).Enumerate(new List<Finding>())
            .Where(e => e.ContentKey is not null)
            .ToImmutableDictionary(e => e.Path, e => e.ContentKey!, StringComparer.Ordinal);
        _blobsByKey[key] = blobs;
        return blobs;
    }

    private void Record(HistoryCommit commit)
    {
        var parents = commit.ParentShas.Select(sha => _history.Resolve(sha)).OfType<HistoryCommit>().ToList();
        var key = KeyOf(commit);
        if (parents.Any(p => KeyOf(p) == key)) return; // same evidence as a parent: nothing changed here
        var mine = BlobsAt(commit);
        var theirs = parents.Select(BlobsAt).ToList();
        var paths = theirs.SelectMany(t => t.Keys).Concat(mine.Keys).Distinct(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var blob = mine.GetValueOrDefault(path);
            if (theirs.Any(t => t.GetValueOrDefault(path) == blob)) continue;
            var type = blob is null ? PathChangeType.Deleted
                : theirs.Any(t => t.ContainsKey(path)) ? PathChangeType.Modified : PathChangeType.Added;
            if (!_events.TryGetValue(path, out var list)) _events[path] = list = [];
            list.Add(new PathEvent(commit, blob, type));
        }
    }
}
