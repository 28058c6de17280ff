using System.Collections.Immutable;
using EvidenceTasks.Core.History;
using EvidenceTasks.IO.History;
using EvidenceTasks.IO.Loading;
using LibGit2Sharp;
using NodaTime;

namespace EvidenceTasks.IO.Git;

/// <summary>The LibGit2Sharp adapter behind <see cref="IEvidenceHistory"/>: the only place that knows git.</summary>
public sealed class GitEvidenceHistory : IEvidenceHistory
{
    private readonly Repository _repository;
    private readonly GitObjectReader _reader;
    private readonly Dictionary<string, HistoryCommit> _commits = new(StringComparer.Ordinal);

    private GitEvidenceHistory(Repository repository)
    {
        _repository = repository;
        _reader = new GitObjectReader(repository);
    }

    /// <summary>True when <paramref name="root"/> is the working tree of a git repository (not a folder inside one).</summary>
    public static bool IsRepository(string root)
    {
        if (!Repository.IsValid(root)) return false;
        using var repo = new Repository(root);
        return repo.Info.WorkingDirectory is { } wd && SameDirectory(wd, root);
    }

    /// <summary>The history of the repository whose working tree is <paramref name="root"/>, or null when it is not one.</summary>
    public static GitEvidenceHistory? Open(string root) => IsRepository(root) ? new GitEvidenceHistory(new Repository(root)) : null;

    private static bool SameDirectory(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    public string Description => _repository.Info.WorkingDirectory ?? _repository.Info.Path;

    public bool IsShallow => _repository.Info.IsShallow;

    public HistoryCommit? Head => _repository.Head.Tip is { } tip ? Record(tip) : null;

    public HistoryCommit? Resolve(string revision)
    {
        try
        {
            return _repository.Lookup<Commit>(revision) is { } c ? Record(c) : null;
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }

    public HistoryCommit? MergeBase(HistoryCommit a, HistoryCommit b) =>
        _repository.ObjectDatabase.FindMergeBase(Commit(a), Commit(b)) is { } c ? Record(c) : null;

    public IReadOnlyList<HistoryCommit> Walk(HistoryCommit to, HistoryCommit? from = null)
    {
        var filter = new CommitFilter
        {
            IncludeReachableFrom = Commit(to),
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        };
        if (from is not null && !from.ParentShas.IsEmpty) filter.ExcludeReachableFrom = Commit(from).Parents.ToList();
        return _repository.Commits.QueryBy(filter).Select(Record).ToList();
    }

    public IEvidenceSource TreeOf(HistoryCommit commit) => new GitTreeSource(_reader, Commit(commit));

    public IEvidenceSource FilesOf(HistoryCommit commit, IReadOnlyCollection<string> paths) => new GitTreeSource(_reader, Commit(commit), paths);

    public string EvidenceKey(HistoryCommit commit)
    {
        var tree = Commit(commit).Tree;
        return string.Join(' ', EvidenceLayout.Roots.Select(r => tree[r] is { } e ? $"{e.Mode}:{e.Target.Sha}" : "-"));
    }

    public IReadOnlyList<EvidenceBlobChange> Changes(HistoryCommit? from, HistoryCommit to)
    {
        var options = new CompareOptions { Similarity = SimilarityOptions.None, IncludeUnmodified = false };
        var changes = _repository.Diff.Compare<TreeChanges>(from is null ? null : Commit(from).Tree, Commit(to).Tree, EvidenceLayout.Roots, options);
        var result = new List<EvidenceBlobChange>();
        foreach (var c in changes)
        {
            // A rename or copy is never reported (similarity off), so Path and OldPath are the same path.
            var path = c.Path.Replace('\\', '/');
            if (!GitObjectReader.IsListable(path)) continue;
            var old = c.OldExists && c.OldMode != Mode.GitLink ? c.OldOid.Sha : null;
            var now = c.Exists && c.Mode != Mode.GitLink ? c.Oid.Sha : null;
            if (old != now) result.Add(new EvidenceBlobChange(path, old, now));
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    public IReadOnlySet<string> UncommittedPaths()
    {
        // Ignored files count too: the gate loads every file under the roots, whatever .gitignore says.
        var options = new StatusOptions
        {
            Show = StatusShowOption.IndexAndWorkDir,
            PathSpec = [.. EvidenceLayout.Roots],
            IncludeUntracked = true,
            RecurseUntrackedDirs = true,
            IncludeIgnored = true,
            RecurseIgnoredDirs = true,
            DetectRenamesInIndex = false,
            DetectRenamesInWorkDir = false,
        };
        return _repository.RetrieveStatus(options)
            .Where(e => e.State != FileStatus.Unaltered)
            .Select(e => e.FilePath.Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);
    }

    private Commit Commit(HistoryCommit c) =>
        _repository.Lookup<Commit>(new ObjectId(c.Sha)) ?? throw new InvalidOperationException($"commit {c.Sha} is not in {Description}");

    private HistoryCommit Record(Commit c)
    {
        if (_commits.TryGetValue(c.Sha, out var known)) return known;
        var record = new HistoryCommit(
            c.Sha,
            c.Parents.Select(p => p.Sha).ToImmutableArray(),
            c.Author.Name,
            c.Author.Email,
            Instant.FromDateTimeOffset(c.Author.When),
            Instant.FromDateTimeOffset(c.Committer.When),
            c.MessageShort);
        _commits[c.Sha] = record;
        return record;
    }

    public void Dispose() => _repository.Dispose();
}
