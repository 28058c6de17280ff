using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.Core.History;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.IO.History;

/// <summary>Where an artifact first failed to verify: the commit, and the finding (file, line, reason) at that commit.</summary>
public sealed record ReplayFailure(HistoryCommit Commit, Finding Finding);

/// <summary>
/// One hashed artifact (a receipt, manifest, sprint budget or readback) over the replayed commits: the commit that
/// introduced it (its first commit in the walk), at how many commits it was present and verified, and its first failure.
/// </summary>
public sealed record ArtifactVerdict(string Path, HistoryCommit Introduced, int CommitsPresent, int CommitsVerified, ReplayFailure? FirstFailure)
{
    public bool Passed => FirstFailure is null;
}

/// <summary>The outcome of a replay: what was walked, what it cost, and one verdict per artifact (ordered by path).</summary>
public sealed record ReplayResult(
    HistoryCommit? From,
    HistoryCommit To,
    int Commits,
    int DistinctEvidenceTrees,
    long BlobsParsed,
    ImmutableArray<ArtifactVerdict> Artifacts)
{
    public int Passed => Artifacts.Count(a => a.Passed);

    public int Failed => Artifacts.Length - Passed;

    /// <summary>The final line of every replay, exactly.</summary>
    public string SummaryLine => $"{Passed} passed, {Failed} failed";
}

/// <summary>Told how far a replay has come (commits done of total).</summary>
public interface IReplayProgress
{
    void Report(int done, int total);
}

/// <summary>
/// Partner replay: at every commit of the walk, load the tree (via <see cref="IEvidenceHistory.TreeOf"/> and ONE shared
/// <see cref="LoadCache"/>, so each distinct blob is parsed once) and run the recorded-hash rules, the same rules the gate
/// runs (<see cref="IRecordedHashRule"/>), at the commit's committer time (rules that need an earlier instant, such as a
/// budget's trend board, take the <c>as_of</c> the artifact records). A commit whose evidence trees equal an already
/// judged commit's reuses that verdict, so the cost grows with distinct blobs and trees, not with commits × files.
/// </summary>
public sealed class Replayer(EvidenceLoader loader, IEnumerable<IRecordedHashRule>? rules = null)
{
    /// <summary>The rules replay runs: by default every <see cref="IRecordedHashRule"/> in <see cref="GateRules.All"/>.</summary>
    public ImmutableArray<IRecordedHashRule> Rules { get; } = (rules ?? GateRules.All.OfType<IRecordedHashRule>()).ToImmutableArray();

    /// <summary>The kinds that record a hash (docs/hashing.md); each such file is one artifact.</summary>
    public static bool IsArtifact(string path) => EvidenceLayout.Classify(path)?.Layout.Kind is
        EvidenceKind.AttendanceReceipt or EvidenceKind.QuorumManifest or EvidenceKind.SprintBudget or EvidenceKind.Readback;

    public ReplayResult Run(IEvidenceHistory history, HistoryCommit to, HistoryCommit? from, LoadCache cache, IReplayProgress? progress = null)
    {
        var commits = history.Walk(to, from);
        var verdicts = new Dictionary<string, TreeVerdict>(StringComparer.Ordinal);
        var states = new SortedDictionary<string, ArtifactState>(StringComparer.Ordinal);
        var missesBefore = cache.Misses;
        for (var i = 0; i < commits.Count; i++)
        {
            var commit = commits[i];
            var key = history.EvidenceKey(commit);
            if (!verdicts.TryGetValue(key, out var verdict)) verdicts[key] = verdict = Judge(history.TreeOf(commit), commit, cache);
            foreach (var path in verdict.Artifacts)
            {
                if (!states.TryGetValue(path, out var state)) states[path] = state = new ArtifactState(commit);
                state.Present++;
                if (verdict.Failures.TryGetValue(path, out var finding)) state.FirstFailure ??= new ReplayFailure(commit, finding);
                else state.Verified++;
            }
            progress?.Report(i + 1, commits.Count);
        }
        var artifacts = states.Select(s => new ArtifactVerdict(s.Key, s.Value.Introduced, s.Value.Present, s.Value.Verified, s.Value.FirstFailure)).ToImmutableArray();
        return new ReplayResult(from, to, commits.Count, verdicts.Count, cache.Misses - missesBefore, artifacts);
    }

    private TreeVerdict Judge(IEvidenceSource tree, HistoryCommit commit, LoadCache cache)
    {
        var loaded = loader.Load(tree, cache);
        var artifacts = tree.Enumerate(new List<Finding>()).Select(e => e.Path).Where(IsArtifact).ToImmutableArray();
        var context = new GateContext(commit.CommitTime);
        var failures = new Dictionary<string, Finding>(StringComparer.Ordinal);
        // A file that cannot be read cannot verify: its load finding is its failure.
        foreach (var f in loaded.Findings.Concat(Rules.SelectMany(r => r.Evaluate(loaded.Evidence, context))).Where(f => f.Blocks).Order(Finding.ReportOrder))
            failures.TryAdd(f.Location.Path, f);
        return new TreeVerdict(artifacts, failures);
    }

    private sealed record TreeVerdict(ImmutableArray<string> Artifacts, Dictionary<string, Finding> Failures);

    private sealed class ArtifactState(HistoryCommit introduced)
    {
        public HistoryCommit Introduced { get; } = introduced;
        public int Present { get; set; }
        public int Verified { get; set; }
        public ReplayFailure? FirstFailure { get; set; }
    }
}
