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
    private readonly Dictionary<(ObjectId Tree, string Path), ObjectId?> _objectAt = [];
    private WorkingTreeState? _workingTree;

    private readonly KnownEntries _known;
    private readonly string _root;

    private GitEvidenceHistory(string root, KnownEntries known)
    {
        _root = root;
        var repository = GitRepositories.Open(root);
        _repository = repository;
        _known = known;
        _reader = new GitObjectReader(repository, known);
    }

    /// <summary>True when <paramref name="root"/> is the working tree of a git repository (not a folder inside one).</summary>
    public static bool IsRepository(string root)
    {
        if (!Repository.IsValid(root)) return false;
        using var repo = GitRepositories.Open(root);
        return repo.Info.WorkingDirectory is { } wd && SameDirectory(wd, root);
    }

    /// <summary>The history of the repository whose working tree is <paramref name="root"/>, or null when it is not one.</summary>
    public static GitEvidenceHistory? Open(string root) => IsRepository(root) ? new GitEvidenceHistory(root, new KnownEntries()) : null;

    /// <summary>
    /// A second handle on the same repository, for another thread (libgit2 objects are not shared between threads). It
    /// shares what this one's tree diffs learned of the files they changed, so a diff run on one spares lookups on the
    /// other. It reads nothing of this handle, so any thread may call it.
    /// </summary>
    public GitEvidenceHistory Twin() => new(_root, _known);

    private static bool SameDirectory(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    public string Description => _repository.Info.WorkingDirectory ?? _repository.Info.Path;

    public bool IsShallow => _repository.Info.IsShallow;

    /// <summary>The repository's git directory (<c>.git</c>): where state kept between runs lives, outside the working tree.</summary>
    public string GitDirectory => _repository.Info.Path;

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

    public IReadOnlyList<EvidenceBlobChange> Changes(HistoryCommit? from, HistoryCommit to, IReadOnlyCollection<string>? only = null)
    {
        var before = from is null ? null : Commit(from).Tree;
        var after = Commit(to).Tree;
        var scopes = (only ?? EvidenceLayout.Roots).Where(s => EvidenceLayout.Roots.Contains(s.Split('/')[0])).Distinct(StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, EvidenceBlobChange>(StringComparer.Ordinal);
        if (only is null)
        {
            Compare(before, after, scopes.Where(s => !SameObject(before, after, s)).ToList(), result);
        }
        else
        {
            // libgit2's tree diff reads every entry below the common prefix of its paths (it does not skip equal folders),
            // and it re-reads a large folder's tree at each lookup (large trees are not cached). So a folder whose object
            // id is the same in both commits is skipped after one lookup in its (small) parent, each remaining scope is
            // compared by its own id (evidence/ics, or a receipt a pull request adds: unchanged at most commits), and
            // only the scopes that differ are diffed, together.
            foreach (var group in scopes.GroupBy(s => s.Contains('/', StringComparison.Ordinal) ? s[..s.LastIndexOf('/')] : string.Empty))
            {
                if (group.Key.Length > 0 && SameObject(before, after, group.Key)) continue;
                Compare(before, after, group.Where(s => !SameObject(before, after, s)).ToList(), result);
            }
        }
        var ordered = result.Values.ToList();
        ordered.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return ordered;
    }

    /// <summary>True when <paramref name="path"/> names the same object (or nothing) in both trees: nothing below it differs.</summary>
    private bool SameObject(Tree? before, Tree after, string path) => (before is null ? null : ObjectAt(before, path)) == ObjectAt(after, path);

    /// <summary>
    /// The id of the object at <paramref name="path"/> in a tree, memoised: a walk asks for each commit's entry twice (as
    /// the new side of its own diff and the old side of its child's), and a large folder is re-read at every lookup.
    /// </summary>
    private ObjectId? ObjectAt(Tree tree, string path)
    {
        if (_objectAt.TryGetValue((tree.Id, path), out var id)) return id;
        if (_objectAt.Count >= 100_000) _objectAt.Clear(); // walks revisit only a commit and its parents
        return _objectAt[(tree.Id, path)] = tree[path]?.Target.Id;
    }

    /// <summary>Tree diffs never pair renames or copies, so a change's Path and OldPath are one path.</summary>
    private static readonly CompareOptions NoRenames = new() { Similarity = SimilarityOptions.None, IncludeUnmodified = false };

    /// <summary>A change's blobs as the listings give them: none for an absent side or a submodule.</summary>
    private static (string? Old, string? New) BlobsOf(TreeEntryChanges c) =>
        (c.OldExists && c.OldMode != Mode.GitLink ? c.OldOid.Sha : null, c.Exists && c.Mode != Mode.GitLink ? c.Oid.Sha : null);

    /// <summary>libgit2's diff restricted to <paramref name="scopes"/> (each matching itself and what lies below it), as listed blobs.</summary>
    private void Compare(Tree? before, Tree after, IReadOnlyList<string> scopes, Dictionary<string, EvidenceBlobChange> result)
    {
        // A folder on both sides (a root; evidence/ics at every commit of a walk) is diffed as the two folders, without a
        // pathspec: with one, libgit2 matches every entry it visits from the root and reads equal folders in full (the
        // 80,000-entry tickets' folder), several times slower than the folders' own diff. The rest go through pathspecs.
        var folders = scopes.Select(s => (Scope: s, Old: FolderAt(before, s), New: FolderAt(after, s))).ToList();
        foreach (var (scope, oldFolder, newFolder) in folders.Where(f => f.Old is not null && f.New is not null))
            Collect(before, after, scope + "/", _repository.Diff.Compare<TreeChanges>(oldFolder, newFolder, NoRenames), scopes, result);
        var rest = folders.Where(f => f.Old is null || f.New is null).Select(f => Literal(f.Scope)).ToList();
        if (rest.Count > 0) Collect(before, after, string.Empty, _repository.Diff.Compare<TreeChanges>(before, after, rest, NoRenames), scopes, result);
    }

    /// <summary>
    /// A diff's changes within <paramref name="scopes"/>, as listed blobs; each side is also told to the reader, since
    /// the files a diff changed are the ones read next (see <see cref="GitObjectReader.Remember"/>).
    /// </summary>
    private void Collect(Tree? before, Tree after, string prefix, TreeChanges changes, IReadOnlyList<string> scopes, Dictionary<string, EvidenceBlobChange> result)
    {
        foreach (var c in changes)
        {
            var path = prefix + c.Path.Replace('\\', '/');
            if (!GitObjectReader.IsListable(path) || !scopes.Any(s => path == s || path.StartsWith(s + "/", StringComparison.Ordinal))) continue;
            if (before is not null) _reader.Remember(before, path, c.OldExists ? c.OldMode : null, c.OldOid);
            _reader.Remember(after, path, c.Exists ? c.Mode : null, c.Oid);
            var (old, now) = BlobsOf(c);
            if (old != now) result[path] = new EvidenceBlobChange(path, old, now);
        }
    }

    public IReadOnlyList<EvidenceBlobChange> Changes(HistoryCommit? from, HistoryCommit to, Func<string, bool> include)
    {
        var oldTree = from is null ? null : Commit(from).Tree;
        var newTree = Commit(to).Tree;
        var result = new List<EvidenceBlobChange>();
        void Add(string path, string? old, string? now)
        {
            if (old != now && GitObjectReader.IsListable(path)) result.Add(new EvidenceBlobChange(path, old, now));
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
                foreach (var c in _repository.Diff.Compare<TreeChanges>(oldSub, newSub, NoRenames))
                {
                    var (old, now) = BlobsOf(c);
                    Add(top + "/" + c.Path.Replace('\\', '/'), old, now);
                }
            }
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    /// <summary>The folder at a path (a root, or below one; as TreeOf sees it, a file or symlink there is no folder).</summary>
    private static Tree? FolderAt(Tree? tree, string root) => tree?[root] is { Mode: Mode.Directory } e ? (Tree)e.Target : null;

    /// <summary>The blob of a top-level entry that TreeOf lists as a file (files and symlinks; not folders or submodules).</summary>
    private static string? BlobOf(TreeEntry? e) => e is { Mode: not (Mode.Directory or Mode.GitLink) } ? e.Target.Sha : null;

    /// <summary>A path as a pathspec that matches only itself and what lies below it (glob characters escaped).</summary>
    private static string Literal(string path) =>
        string.Concat(path.Select(ch => ch is '\\' or '*' or '?' or '[' ? "\\" + ch : ch.ToString()));

    public IReadOnlySet<string> UncommittedPaths() => WorkingTree().Uncommitted;

    public WorkingTreeState WorkingTree() => _workingTree ??= ReadWorkingTree();

    /// <summary>
    /// The status <see cref="WorkingTree"/> asks libgit2 for (a new instance each time: the options are mutable). Ignored
    /// files count too: the gate loads every file under the roots, whatever .gitignore says.
    /// </summary>
    internal static StatusOptions WorkingTreeStatus() => new()
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

    private WorkingTreeState ReadWorkingTree()
    {
        // The index's blob ids are read from the file beside the status (which is libgit2 on this thread). Should the
        // index change meanwhile (a git command run in between), that reading may not be the index status compared
        // against, so the file's length and write time are taken before it and after the status, and any difference
        // (or an index the reader does not handle) lists it through libgit2 here instead.
        var indexPath = Path.Combine(GitDirectory, "index");
        var stamp = Stamp(indexPath);
        var sha1 = (_repository.Config.Get<string>("extensions.objectformat")?.Value ?? "sha1") == "sha1";
        var read = stamp is not null && sha1 ? Task.Run(() => GitIndexFile.RegularFiles(indexPath)) : Task.FromResult<List<(string Path, string Blob)>?>(null);
        var uncommitted = _repository.RetrieveStatus(WorkingTreeStatus())
            .Where(e => e.State != FileStatus.Unaltered)
            .Select(e => e.FilePath.Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);
        var indexed = read.GetAwaiter().GetResult() is { } fromFile && Stamp(indexPath) == stamp ? fromFile : RegularFilesOf(_repository.Index);
        // Every path status does not report is the same in the working tree, the index and HEAD, so the index's blob id
        // names its bytes (status compared them, hashing the file when its stat data could not vouch for it).
        var blobs = new Dictionary<string, string>(indexed.Count, StringComparer.Ordinal);
        foreach (var (path, blob) in indexed)
        {
            if (!uncommitted.Contains(path) && EvidenceLayout.IsBelowRoot(path)) blobs[path] = blob;
        }
        return new WorkingTreeState(uncommitted, blobs);
    }

    /// <summary>The index's stage-0 regular files and their blob ids, as libgit2 lists them (what <see cref="GitIndexFile"/> reads faster).</summary>
    internal static List<(string Path, string Blob)> RegularFilesOf(LibGit2Sharp.Index index) =>
        index.Where(e => e.StageLevel == StageLevel.Staged && e.Mode is Mode.NonExecutableFile or Mode.ExecutableFile)
            .Select(e => (e.Path.Replace('\\', '/'), e.Id.Sha))
            .ToList();

    /// <summary>A file's length and write time (null when absent): a rewrite between two looks shows.</summary>
    private static (long Length, DateTime Written)? Stamp(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (file.Length, file.LastWriteTimeUtc) : null;
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
