using EvidenceTasks.Core.History;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.IO.History;

/// <summary>
/// The few operations on version history that the gate, replay and provenance need, and nothing else (as GitVersion
/// keeps git behind a narrow repository interface). The LibGit2Sharp adapter is <c>IO/Git/GitEvidenceHistory</c>;
/// everything above it works on <see cref="HistoryCommit"/> records and <see cref="IEvidenceSource"/> trees.
/// </summary>
public interface IEvidenceHistory : IDisposable
{
    /// <summary>The repository, for messages.</summary>
    string Description { get; }

    /// <summary>True for a shallow clone: history before the graft is missing, so history verdicts would be wrong.</summary>
    bool IsShallow { get; }

    /// <summary>The commit HEAD points at; null in a repository without commits.</summary>
    HistoryCommit? Head { get; }

    /// <summary>The commit a revision (branch, tag, <c>origin/main</c>, sha, <c>HEAD~3</c>) names; null when it names none.</summary>
    HistoryCommit? Resolve(string revision);

    /// <summary>The best common ancestor of two commits; null when they share none.</summary>
    HistoryCommit? MergeBase(HistoryCommit a, HistoryCommit b);

    /// <summary>
    /// The commits reachable from <paramref name="to"/>, oldest first, every parent before its children (topological,
    /// all parents, not only the first). With <paramref name="from"/>: only <paramref name="from"/> and the commits
    /// after it (reachable from <paramref name="to"/> but not from <paramref name="from"/>'s parents).
    /// </summary>
    IReadOnlyList<HistoryCommit> Walk(HistoryCommit to, HistoryCommit? from = null);

    /// <summary>The evidence files of a commit's tree, as a source the <see cref="EvidenceLoader"/> reads like a folder (content keys are blob ids).</summary>
    IEvidenceSource TreeOf(HistoryCommit commit);

    /// <summary>
    /// Only <paramref name="paths"/> of a commit's tree, looked up one by one (O(depth) each, not a listing of the tree):
    /// exactly the entries <see cref="TreeOf"/> lists for those paths; a path the commit does not have yields nothing.
    /// </summary>
    IEvidenceSource FilesOf(HistoryCommit commit, IReadOnlyCollection<string> paths);

    /// <summary>
    /// An identity of the commit's evidence (the ids of its governance/, roster/ and evidence/ trees): two commits with
    /// the same key have byte-identical evidence, so a verdict computed for one holds for the other.
    /// </summary>
    string EvidenceKey(HistoryCommit commit);

    /// <summary>
    /// The evidence files whose blob differs between two commits (git's tree diff: an evidence root, or a scope of
    /// <paramref name="only"/>, whose object id is equal in both commits is skipped after one lookup; below one that
    /// differs, libgit2 reads every entry, so a narrow scope is what keeps a commit cheap). <paramref name="from"/> null
    /// means the empty tree. Paths and blob ids are exactly those <see cref="TreeOf"/> lists (files and symlinks under the evidence roots;
    /// submodules and names that are not UTF-8 are not listed there, so not here either). Ordered by path (ordinal).
    /// With <paramref name="only"/>: just those paths and what lies below them (a file, or a folder such as
    /// <c>evidence/ics</c>), reached by looking each one up, so the rest of the tree costs nothing however it changes.
    /// </summary>
    IReadOnlyList<EvidenceBlobChange> Changes(HistoryCommit? from, HistoryCommit to, IReadOnlyCollection<string>? only = null);

    /// <summary>
    /// The same changes limited to what <paramref name="include"/> accepts (a predicate, where the overload above takes
    /// named paths). It is asked about each entry directly below a root (a folder such as <c>roster/slots</c>, a file such as
    /// <c>governance/allocator.yaml</c>) that differs between the two commits; a folder it refuses is never read. Replay
    /// needs this: diffing a flat folder of 80,000 tickets costs libgit2 tens of milliseconds at every commit, and the
    /// recorded-hash rules of a repository without budgets never read tickets.
    /// </summary>
    IReadOnlyList<EvidenceBlobChange> Changes(HistoryCommit? from, HistoryCommit to, Func<string, bool> include);

    /// <summary>
    /// The evidence paths where the working tree (what the gate loads from disk) may differ from HEAD: modified, staged,
    /// deleted, untracked or ignored files (git status; the working tree's other files are HEAD's blobs).
    /// </summary>
    IReadOnlySet<string> UncommittedPaths();

    /// <summary>git status of the evidence roots, read once per instance: what differs from HEAD, and the blob of every other file.</summary>
    WorkingTreeState WorkingTree();
}

/// <summary>One evidence path whose content differs between two commits: null <c>OldBlob</c> is an addition, null <c>NewBlob</c> a deletion.</summary>
public sealed record EvidenceBlobChange(string Path, string? OldBlob, string? NewBlob);

/// <summary>
/// What git knows about the working tree's evidence files. <see cref="CommittedBlobs"/> gives, for every regular file
/// under the roots that git status reports unchanged (working tree = index = HEAD), its blob id: the file's bytes are
/// that blob's, so a result loaded from the blob before (<see cref="Loading.LoadCache"/>) is the file's result.
/// </summary>
public sealed record WorkingTreeState(IReadOnlySet<string> Uncommitted, IReadOnlyDictionary<string, string> CommittedBlobs);
