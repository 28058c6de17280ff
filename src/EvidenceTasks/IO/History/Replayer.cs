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
/// Partner replay: at every commit of the walk, the recorded-hash rules, the same rules the gate runs
/// (<see cref="IRecordedHashRule"/>), judge every artifact at the commit's committer time (rules that need an earlier
/// instant, such as a budget's trend board, take the <c>as_of</c> the artifact records), and a file that cannot be read is
/// its own failure. The walk keeps the evidence incrementally (<see cref="ReplayState"/>): each commit is diffed against
/// the previous one and only the artifacts whose inputs changed are judged again, so the cost grows with what the
/// history changed, not with commits × files. The verdicts are those of judging every commit's whole tree (a test
/// replays random histories both ways).
/// </summary>
public sealed class Replayer(EvidenceLoader loader, IEnumerable<IRecordedHashRule>? rules = null)
{
    /// <summary>The rules replay runs: by default every <see cref="IRecordedHashRule"/> in <see cref="GateRules.All"/>.</summary>
    public ImmutableArray<IRecordedHashRule> Rules { get; } = (rules ?? GateRules.All.OfType<IRecordedHashRule>()).ToImmutableArray();

    /// <summary>The kinds that record a hash (docs/hashing.md); each such file is one artifact.</summary>
    public static ImmutableArray<EvidenceKind> ArtifactKinds { get; } =
        [EvidenceKind.AttendanceReceipt, EvidenceKind.QuorumManifest, EvidenceKind.SprintBudget, EvidenceKind.Readback];

    public static bool IsArtifact(string path) => EvidenceLayout.Classify(path)?.Layout.Kind is { } kind && ArtifactKinds.Contains(kind);

    /// <summary>
    /// Replays <paramref name="from"/> (inclusive; null: the root) to <paramref name="to"/>. <see cref="ReplayResult.BlobsParsed"/>
    /// counts the (path, blob) pairs this run parsed: the artifacts and the files their rules read, each once.
    /// </summary>
    public ReplayResult Run(IEvidenceHistory history, HistoryCommit to, HistoryCommit? from, LoadCache cache, IReplayProgress? progress = null)
    {
        var commits = history.Walk(to, from);
        var trees = new HashSet<string>(StringComparer.Ordinal);
        var states = new Dictionary<string, ArtifactState>(StringComparer.Ordinal);
        var present = new Dictionary<string, ArtifactState>(StringComparer.Ordinal);
        var evidence = new ReplayState(history, loader, cache, Rules);
        var missesBefore = cache.Misses;
        HistoryCommit? previous = null;
        for (var i = 0; i < commits.Count; i++)
        {
            var commit = commits[i];
            trees.Add(history.EvidenceKey(commit));
            var step = evidence.Advance(previous, commit);
            foreach (var path in step.Removed) present.Remove(path);
            foreach (var path in step.Added)
            {
                if (!states.TryGetValue(path, out var state)) states[path] = state = new ArtifactState(commit);
                present[path] = state;
            }
            foreach (var path in step.Judged) present[path].Failure = evidence.FailureOf(path);
            foreach (var state in present.Values)
            {
                state.Present++;
                if (state.Failure is { } finding) state.FirstFailure ??= new ReplayFailure(commit, finding);
                else state.Verified++;
            }
            previous = commit;
            progress?.Report(i + 1, commits.Count);
        }
        var artifacts = states.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new ArtifactVerdict(s.Key, s.Value.Introduced, s.Value.Present, s.Value.Verified, s.Value.FirstFailure))
            .ToImmutableArray();
        return new ReplayResult(from, to, commits.Count, trees.Count, cache.Misses - missesBefore, artifacts);
    }

    private sealed class ArtifactState(HistoryCommit introduced)
    {
        public HistoryCommit Introduced { get; } = introduced;
        public int Present { get; set; }
        public int Verified { get; set; }

        /// <summary>The verdict at the current commit: the first blocking finding, or null when it verifies.</summary>
        public Finding? Failure { get; set; }

        public ReplayFailure? FirstFailure { get; set; }
    }
}
