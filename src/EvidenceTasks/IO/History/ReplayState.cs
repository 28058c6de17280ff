using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.Core.History;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.IO.History;

/// <summary>What one step of the walk changed: artifacts that appeared, disappeared, or were judged again.</summary>
internal sealed record ReplayStep(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyCollection<string> Judged);

/// <summary>
/// The evidence of the commit the replay stands on, kept up to date by git's tree diff, and the verdict of every
/// artifact in it. Each step costs what the commit changed, not the size of the tree:
/// <list type="bullet">
/// <item>Only what the recorded-hash rules can read is tracked: the artifact folders always (and the folders whose names
/// equal theirs ignoring case, for the loader's case-collision findings), plus the <see cref="RecordedHashScope.Reads"/>
/// of each rule while an artifact it judges is present. A folder needed again later is listed afresh from the empty
/// tree; a diff from any state we hold is as good as a diff from the parent.</item>
/// <item>Files are parsed only when a rule needs them, through the shared <see cref="LoadCache"/> (once per blob).</item>
/// <item>An artifact is judged again only when its own file (or a file equal to its path ignoring case) changed, or a
/// part its rule reads changed, and then on a set of just the files the rule's scope names. Everything else keeps its
/// verdict: by the <see cref="RecordedHashScope"/> contract it would be the same.</item>
/// </list>
/// </summary>
internal sealed class ReplayState(IEvidenceHistory history, EvidenceLoader loader, LoadCache cache, ImmutableArray<IRecordedHashRule> rules)
{
    private readonly Dictionary<string, TrackedFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _sameIgnoringCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Judgement> _artifacts = new(StringComparer.Ordinal);
    private readonly Dictionary<EvidenceParts, int> _artifactsByPart = [];

    /// <summary>The parts tracked for the rules' reads (artifact folders are tracked regardless).</summary>
    private EvidenceParts _reads = EvidenceParts.None;

    /// <summary>The verdict of an artifact present at the current commit: its first blocking finding, or null when it verifies.</summary>
    public Finding? FailureOf(string path) => _artifacts[path].Failure;

    /// <summary>Moves the state from <paramref name="previous"/> (null: nothing yet) to <paramref name="commit"/>.</summary>
    public ReplayStep Advance(HistoryCommit? previous, HistoryCommit commit)
    {
        var before = _reads;
        var changes = new List<EvidenceBlobChange>(history.Changes(previous, commit, top => Tracks(top, before)));
        var (added, removed) = Apply(changes);
        var present = _artifactsByPart.Where(p => p.Value > 0).Aggregate(EvidenceParts.None, (parts, p) => parts | p.Key);
        var after = rules.Where(r => (r.Scope.Judges & present) != 0).Aggregate(EvidenceParts.None, (parts, r) => parts | r.Scope.Reads);
        if (after != before)
        {
            // Newly read parts were not tracked: list them from the empty tree. Parts no longer read are forgotten, so
            // that reading them again lists them afresh rather than diffing from a stale state.
            var listed = history.Changes(null, commit, top => Tracks(top, after) && !Tracks(top, before));
            Apply(listed);
            changes.AddRange(listed);
            foreach (var path in _files.Keys.Where(p => !Tracks(EvidencePartLayout.TopOf(p), after)).ToList()) Forget(path);
            _reads = after;
        }
        return new ReplayStep(added, removed, Judge(changes, commit));
    }

    /// <summary>Whether a top entry (see <see cref="EvidencePartLayout.TopOf"/>) is tracked when <paramref name="reads"/> are read.</summary>
    private static bool Tracks(string top, EvidenceParts reads) =>
        reads == EvidenceParts.All || ArtifactTops.Contains(top) || (EvidencePartLayout.Below(top) & reads) != 0;

    /// <summary>The folders of the artifact kinds, matched ignoring case: a file there may collide with an artifact's name.</summary>
    private static readonly HashSet<string> ArtifactTops = new(
        Replayer.ArtifactKinds.Select(k => EvidencePartLayout.TopOf(EvidenceLayout.Of(k).Directory)), StringComparer.OrdinalIgnoreCase);

    private (List<string> Added, List<string> Removed) Apply(IEnumerable<EvidenceBlobChange> changes)
    {
        var added = new List<string>();
        var removed = new List<string>();
        foreach (var change in changes)
        {
            var path = change.Path;
            if (change.NewBlob is null)
            {
                Forget(path);
                if (_artifacts.Remove(path, out var gone))
                {
                    _artifactsByPart[gone.Part]--;
                    removed.Add(path);
                }
                continue;
            }
            if (!_files.TryGetValue(path, out var file))
            {
                _files[path] = new TrackedFile(change.NewBlob, EvidencePartLayout.Of(path));
                if (!_sameIgnoringCase.TryGetValue(path, out var same)) _sameIgnoringCase[path] = same = [];
                same.Add(path);
            }
            else
            {
                file.Blob = change.NewBlob;
                file.Loaded = null;
            }
            if (Replayer.IsArtifact(path) && !_artifacts.ContainsKey(path))
            {
                var part = EvidencePartLayout.Of(path);
                _artifacts[path] = new Judgement(part, rules.Length);
                _artifactsByPart[part] = _artifactsByPart.GetValueOrDefault(part) + 1;
                added.Add(path);
            }
        }
        return (added, removed);
    }

    private void Forget(string path)
    {
        if (!_files.Remove(path)) return;
        var same = _sameIgnoringCase[path];
        same.Remove(path);
        if (same.Count == 0) _sameIgnoringCase.Remove(path);
    }

    /// <summary>Judges again what the changes can affect; returns the artifacts judged.</summary>
    private HashSet<string> Judge(List<EvidenceBlobChange> changes, HistoryCommit commit)
    {
        // An artifact's own verdict inputs: its file, and the files equal to its path ignoring case (the loader refuses both).
        var own = new HashSet<string>(StringComparer.Ordinal);
        var changedParts = EvidenceParts.None;
        foreach (var change in changes)
        {
            changedParts |= EvidencePartLayout.Of(change.Path);
            foreach (var path in _sameIgnoringCase.GetValueOrDefault(change.Path) ?? []) if (_artifacts.ContainsKey(path)) own.Add(path);
        }

        var context = new GateContext(commit.CommitTime);
        var judged = new HashSet<string>(own, StringComparer.Ordinal);
        for (var r = 0; r < rules.Length; r++)
        {
            var scope = rules[r].Scope;
            var readsChanged = scope.ReadsAsOf || (scope.Reads == EvidenceParts.All ? changes.Count > 0 : (changedParts & scope.Reads) != 0);
            var artifacts = (readsChanged ? (IEnumerable<string>)_artifacts.Keys : own).Where(p => (_artifacts[p].Part & scope.Judges) != 0).ToList();
            if (artifacts.Count == 0) continue;
            var reads = scope.Reads == EvidenceParts.All ? _files.Keys : _files.Where(f => (f.Value.Part & scope.Reads) != 0).Select(f => f.Key);
            var evidence = EvidencePartLayout.Assemble(Loaded(artifacts.Union(reads, StringComparer.Ordinal).ToList(), commit).Select(l => l.Evidence));
            var found = rules[r].Evaluate(evidence, context).ToLookup(f => f.Location.Path, StringComparer.Ordinal);
            foreach (var path in artifacts)
            {
                _artifacts[path].ByRule[r] = [.. found[path]];
                judged.Add(path);
            }
        }

        foreach (var path in own)
        {
            var same = _sameIgnoringCase[path];
            // With no namesake, the file's own load findings are all there is; with one, load them together, so the
            // loader itself reports the collision exactly as it does for a whole tree.
            _artifacts[path].Loading = same.Count == 1
                ? Loaded([path], commit)[0].Findings
                : [.. loader.Load(history.FilesOf(commit, same), cache).Findings.Where(f => f.Location.Path == path)];
        }
        foreach (var path in judged) _artifacts[path].Decide();
        return judged;
    }

    /// <summary>The single-file load results of these tracked paths, parsing (in parallel, once per blob) those not yet loaded.</summary>
    private List<LoadResult> Loaded(IReadOnlyList<string> paths, HistoryCommit commit)
    {
        var missing = paths.Where(p => _files[p].Loaded is null).ToList();
        if (missing.Count > 0)
        {
            var source = history.FilesOf(commit, missing);
            var entries = source.Enumerate(new List<Finding>());
            if (entries.Count != missing.Count)
                throw new InvalidOperationException($"replay lost track of {source.Description}: {missing.Count} files expected, {entries.Count} found");
            var results = new LoadResult[entries.Count];
            Parallel.For(0, entries.Count, i => results[i] = loader.Load(new OneFile(source, entries[i]), cache));
            for (var i = 0; i < entries.Count; i++) _files[entries[i].Path].Loaded = results[i];
        }
        return paths.Select(p => _files[p].Loaded!).ToList();
    }

    private sealed class TrackedFile(string blob, EvidenceParts part)
    {
        public string Blob { get; set; } = blob;
        public EvidenceParts Part { get; } = part;

        /// <summary>The file loaded on its own (its records, file hash or unreadability, and its own findings); null until needed.</summary>
        public LoadResult? Loaded { get; set; }
    }

    /// <summary>The findings at one artifact: the loader's, and each rule's; the verdict is the first that blocks, in report order.</summary>
    private sealed class Judgement(EvidenceParts part, int rules)
    {
        public EvidenceParts Part { get; } = part;
        public ImmutableArray<Finding> Loading { get; set; } = [];
        public ImmutableArray<Finding>[] ByRule { get; } = Enumerable.Repeat(ImmutableArray<Finding>.Empty, rules).ToArray();
        public Finding? Failure { get; private set; }

        // The same order as a whole-tree judgement: load findings first, then rules in order, stably sorted.
        public void Decide() => Failure = Loading.Concat(ByRule.SelectMany(f => f)).Where(f => f.Blocks).Order(Finding.ReportOrder).FirstOrDefault();
    }

    /// <summary>One entry of a source, as a source of its own: the loader then yields that file's result alone.</summary>
    private sealed class OneFile(IEvidenceSource source, SourceEntry entry) : IEvidenceSource
    {
        public string Description => source.Description;

        public IReadOnlyList<SourceEntry> Enumerate(ICollection<Finding> findings) => [entry];

        public byte[] Read(SourceEntry e) => source.Read(e);
    }
}
