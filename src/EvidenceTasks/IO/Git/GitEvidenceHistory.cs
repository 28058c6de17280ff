using System.Collections.Immutable;
using EvidenceTasks.Core;
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
            if (!IsListed(path)) continue;
            var old = c.OldExists && c.OldMode != Mode.GitLink ? c.OldOid.Sha : null;
            var now = c.Exists && c.Mode != Mode.GitLink ? c.Oid.Sha : null;
            if (old != now) result.Add(new EvidenceBlobChange(path, old, now));
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    public IReadOnlyList<EvidenceBlobChange> Changes(HistoryCommit? from, HistoryCommit to, Func<string, bool> include)
    {
        var options = new CompareOptions { Similarity = SimilarityOptions.None, IncludeUnmodified = false };
        var oldTree = from is null ? null : Commit(from).Tree;
        var newTree = Commit(to).Tree;
        var result = new List<EvidenceBlobChange>();
        void Add(string path, string? old, string? now)
        {
            if (old != now && IsListed(path)) result.Add(new EvidenceBlobChange(path, old, now));
        }
        foreach (var root in EvidenceLayout.Roots)
        {
            var oldRoot = FolderAt(oldTree, root);
            var newRoot = FolderAt(newTree, root);
            if (oldRoot?.Id == newRoot?.Id) continue;
            var names = (oldRoot?.Select(e => e.Name) ?? []).Union(newRoot?.Select(e => e.Name) ?? [], StringComparer.Ordinal);
            foreach (var name in names)
            {
                var top = root + "/" + name;
                var (o, n) = (oldRoot?[name], newRoot?[name]);
                if ((o?.Mode, o?.Target.Id) == (n?.Mode, n?.Target.Id) || !include(top)) continue;
                Add(top, BlobOf(o), BlobOf(n));
                var (oldSub, newSub) = (o is { Mode: Mode.Directory } ? (Tree)o.Target : null, n is { Mode: Mode.Directory } ? (Tree)n.Target : null);
                if (oldSub is null && newSub is null) continue;
                // Below the top entry, git's own diff (no pathspec: with one, libgit2 is several times slower).
                foreach (var c in _repository.Diff.Compare<TreeChanges>(oldSub, newSub, options))
                {
                    Add(top + "/" + c.Path.Replace('\\', '/'),
                        c.OldExists && c.OldMode != Mode.GitLink ? c.OldOid.Sha : null,
                        c.Exists && c.Mode != Mode.GitLink ? c.Oid.Sha : null);
                }
            }
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    public IEvidenceSource FilesOf(HistoryCommit commit, IEnumerable<string> paths)
    {
        var tree = Commit(commit).Tree;
        var entries = new List<SourceEntry>();
        foreach (var path in paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            // Roots that are not folders, submodules and names that are not UTF-8 are not listed by TreeOf: not here either.
            if (!IsListed(path) || FolderAt(tree, path[..path.IndexOf('/')]) is null || tree[path] is not { } entry) continue;
            switch (entry.Mode)
            {
                case Mode.SymbolicLink:
                    var target = _reader.ReadBlob(entry.Target.Sha);
                    entries.Add(new SourceEntry(path, SourceEntryType.Symlink, 0, entry.Target.Sha, LinkTarget: System.Text.Encoding.UTF8.GetString(target, 0, Math.Min(target.Length, 4096))));
                    break;
                case Mode.Directory or Mode.GitLink:
                    break;
                default:
                    entries.Add(new SourceEntry(path, SourceEntryType.File, _repository.ObjectDatabase.RetrieveObjectMetadata(entry.Target.Id).Size, entry.Target.Sha));
                    break;
            }
        }
        return new ListedFiles($"commit {commit.Sha[..12]}", entries, _reader);
    }

    /// <summary>A commit's files found by path: reads blobs through the shared reader, so loading them in parallel is safe.</summary>
    private sealed class ListedFiles(string description, IReadOnlyList<SourceEntry> entries, GitObjectReader reader) : IEvidenceSource
    {
        public string Description => description;

        public IReadOnlyList<SourceEntry> Enumerate(ICollection<Finding> findings) => entries;

        public byte[] Read(SourceEntry entry) =>
            reader.ReadBlob(entry.ContentKey ?? throw new ArgumentException($"'{entry.Path}' was not listed by this source", nameof(entry)));
    }

    /// <summary>A root as TreeOf sees it: only a folder is listed (a root that is a file or symlink lists nothing).</summary>
    private static Tree? FolderAt(Tree? tree, string root) => tree?[root] is { Mode: Mode.Directory } e ? (Tree)e.Target : null;

    /// <summary>The blob of a top-level entry that TreeOf lists as a file (files and symlinks; not folders or submodules).</summary>
    private static string? BlobOf(TreeEntry? e) => e is { Mode: not (Mode.Directory or Mode.GitLink) } ? e.Target.Sha : null;

    /// <summary>What <see cref="GitObjectReader.List"/> lists: a file below a root folder whose name decoded as UTF-8.</summary>
    private static bool IsListed(string path) =>
        EvidenceLayout.Roots.Any(r => path.Length > r.Length + 1 && path.StartsWith(r, StringComparison.Ordinal) && path[r.Length] == '/')
        && !path.Contains('\uFFFD', StringComparison.Ordinal);

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
