using EvidenceTasks.Core.History;

namespace EvidenceTasks.IO.History;

/// <summary>A path's content changed in a commit: it differs there from every parent (null blob: deleted).</summary>
public sealed record PathEvent(HistoryCommit Commit, string? Blob, PathChangeType Type);

/// <summary>
/// The commits of a walk and, for every evidence path, the commits that changed it. Built from the tree diff of each
/// commit against each parent (<see cref="IEvidenceHistory.Changes"/>), never from whole listings; a commit whose
/// <see cref="IEvidenceHistory.EvidenceKey"/> equals one of its parents' changes nothing and costs one key comparison.
/// Restricted to a few paths (<c>only</c>), a commit that does not touch them costs a few lookups, so following the ICS
/// holds through 5,000 commits of a 100,000-file repository does not read its other folders. Nothing here parses a file.
/// </summary>
public sealed class HistoryIndex
{
    private readonly IEvidenceHistory _history;
    private readonly Dictionary<string, string> _keyBySha = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PathEvent>> _events = new(StringComparer.Ordinal);
    private readonly IReadOnlyCollection<string>? _only;

    /// <param name="only">
    /// Follow just these paths and what lies below them (see <see cref="IEvidenceHistory.Changes"/>); null: every path.
    /// </param>
    public HistoryIndex(IEvidenceHistory history, HistoryCommit to, HistoryCommit? from = null, IReadOnlyCollection<string>? only = null)
    {
        _history = history;
        _only = only;
        Commits = history.Walk(to, from);
        foreach (var commit in Commits) Record(commit);
    }

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

    /// <summary>
    /// A path changes at a commit when its blob differs from every parent's: the intersection of the per-parent diffs
    /// (a merge that takes one side's version changes nothing). A root commit is diffed against the empty tree.
    /// </summary>
    private void Record(HistoryCommit commit)
    {
        var parents = commit.ParentShas.Select(sha => _history.Resolve(sha)).OfType<HistoryCommit>().ToList();
        // Same evidence as a parent: nothing changed here. Restricted to a few paths, the diffs below cost as little as
        // this check (a lookup per path) and give the same answer (nothing), so the check is left to unrestricted walks.
        if (_only is null)
        {
            var key = KeyOf(commit);
            if (parents.Any(p => KeyOf(p) == key)) return;
        }
        var diffs = parents.Count == 0
            ? [_history.Changes(null, commit, _only)]
            : parents.Select(p => _history.Changes(p, commit, _only)).ToList();
        var others = diffs.Skip(1).Select(d => d.ToDictionary(c => c.Path, StringComparer.Ordinal)).ToList();
        foreach (var change in diffs[0])
        {
            var fromOthers = others.Select(o => o.GetValueOrDefault(change.Path)).ToList();
            if (fromOthers.Any(c => c is null)) continue; // equal to that parent's version
            var type = change.NewBlob is null ? PathChangeType.Deleted
                : change.OldBlob is not null || fromOthers.Any(c => c!.OldBlob is not null) ? PathChangeType.Modified
                : PathChangeType.Added;
            if (!_events.TryGetValue(change.Path, out var list)) _events[change.Path] = list = [];
            list.Add(new PathEvent(commit, change.NewBlob, type));
        }
    }
}
