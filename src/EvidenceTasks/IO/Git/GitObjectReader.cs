using System.Collections.Immutable;
using System.Text;
using EvidenceTasks.Core;
using EvidenceTasks.IO.Loading;
using LibGit2Sharp;

namespace EvidenceTasks.IO.Git;

/// <summary>
/// Reads trees and blobs of one repository for <see cref="GitTreeSource"/>s, serialised by one lock (the loader reads
/// files in parallel), and memoises the listing of every subtree by its object id: walking a thousand commits lists
/// each distinct folder once.
/// </summary>
internal sealed class GitObjectReader(Repository repository, KnownEntries known)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Prefix, ObjectId Tree), Listing> _listings = [];
    private readonly Dictionary<ObjectId, long> _sizes = [];
    private long _cachedEntries;

    /// <summary>
    /// Listings are flattened, so every version of a large folder is a full copy: on a long history (5,000 commits of
    /// 95,000 files) an unbounded memo ran out of memory. Past this many cached entries the memo starts over; walks
    /// revisit only recent trees (a commit and its parents), so little is listed twice.
    /// </summary>
    internal const long MaxCachedEntries = 2_000_000;

    public Repository Repository { get; } = repository;

    /// <summary>Every file under a folder of the tree, with the findings for what cannot be evidence (submodules, bad names).</summary>
    public sealed record Listing(ImmutableArray<SourceEntry> Entries, ImmutableArray<Finding> Findings);

    public Listing List(string prefix, Tree tree)
    {
        lock (_gate)
        {
            if (_listings.TryGetValue((prefix, tree.Id), out var cached)) return cached;
            var entries = ImmutableArray.CreateBuilder<SourceEntry>();
            var findings = ImmutableArray.CreateBuilder<Finding>();
            foreach (var entry in tree)
            {
                var path = prefix + "/" + entry.Name;
                if (Refusal(path, entry.Mode, entry.Target.Id) is { } refusal) findings.Add(refusal);
                else if (entry.Mode == Mode.Directory)
                {
                    var sub = List(path, (Tree)entry.Target);
                    entries.AddRange(sub.Entries);
                    findings.AddRange(sub.Findings);
                }
                else entries.Add(FileEntry(path, entry.Mode, entry.Target.Id));
            }
            var listing = new Listing(entries.ToImmutable(), findings.ToImmutable());
            if (_cachedEntries + listing.Entries.Length > MaxCachedEntries)
            {
                _listings.Clear();
                _cachedEntries = 0;
            }
            _listings[(prefix, tree.Id)] = listing;
            _cachedEntries += listing.Entries.Length;
            return listing;
        }
    }

    /// <summary>
    /// The entry <see cref="List"/> would give for <paramref name="path"/> under <paramref name="tree"/> (a commit's
    /// root tree), found by descending the path's folders instead of listing them: O(depth). Null when the listing
    /// would not hold it: absent, a folder, a submodule, a name that is not UTF-8, or below a symlinked folder.
    /// </summary>
    public SourceEntry? Find(Tree tree, string path)
    {
        lock (_gate)
        {
            if (known.TryGet(tree.Id, path, out var seen)) return seen.Mode is { } mode ? EntryOf(path, mode, seen.Id) : null;
            // Every folder on the way must be a real one; the tree lookup only descends through trees, so a path below
            // a symlink or a submodule is simply absent.
            if (!IsListable(path) || tree[path] is not { } entry) return null;
            return EntryOf(path, entry.Mode, entry.Target.Id);
        }
    }

    /// <summary>
    /// Tells the reader what a tree diff saw at <paramref name="path"/> under <paramref name="tree"/> (a commit's root
    /// tree; <paramref name="mode"/> null: nothing there), so a later <see cref="Find"/> of it costs a lookup. libgit2
    /// does not cache large trees, so each <c>tree[path]</c> below a 80,000-entry folder parses that folder again
    /// (20 ms); the paths asked for after a diff are mostly the ones it changed.
    /// </summary>
    public void Remember(Tree tree, string path, Mode? mode, ObjectId id)
    {
        // Only what the diff saw; the entry itself (its size, a link's target) is made if it is asked for, as a walk's
        // diffs see far more paths than are read afterwards.
        if (IsListable(path)) known.Add(tree.Id, path, (mode, id));
    }

    /// <summary>The entry <see cref="Find"/> gives for what sits at <paramref name="path"/>: files and symlinks; not folders, submodules or bad names.</summary>
    private SourceEntry? EntryOf(string path, Mode mode, ObjectId id) =>
        Refusal(path, mode, id) is null && mode != Mode.Directory ? FileEntry(path, mode, id) : null;

    /// <summary>What <see cref="List"/> can list: a path below a root folder whose name decoded as UTF-8.</summary>
    internal static bool IsListable(string path) =>
        EvidenceLayout.IsBelowRoot(path) && !path.Contains('\uFFFD', StringComparison.Ordinal);

    /// <summary>Why an entry cannot be evidence (a name that is not UTF-8, a submodule), or null.</summary>
    private static Finding? Refusal(string path, Mode mode, ObjectId id)
    {
        var at = new SourceLocation(path, 1, 1);
        if (path.AsSpan(path.LastIndexOf('/') + 1).Contains('\uFFFD'))
            return Finding.Error(BlockReason.FileRejected, at, "file name is not valid UTF-8", "Rename the file using its id.");
        if (mode == Mode.GitLink)
            return Finding.Error(BlockReason.FileRejected, at, $"submodule at commit {id.Sha} is not evidence", "Remove the submodule; evidence is plain files in this repository.");
        return null;
    }

    /// <summary>A file or symlink entry (the loader refuses symlinks itself, exactly as on disk).</summary>
    private SourceEntry FileEntry(string path, Mode mode, ObjectId id) => mode == Mode.SymbolicLink
        ? new SourceEntry(path, SourceEntryType.Symlink, 0, id.Sha, LinkTarget: LinkTarget(id))
        : new SourceEntry(path, SourceEntryType.File, Size(id), id.Sha);

    /// <summary>A blob's size from its header (not its content), once per blob.</summary>
    private long Size(ObjectId id)
    {
        if (!_sizes.TryGetValue(id, out var size)) _sizes[id] = size = Repository.ObjectDatabase.RetrieveObjectMetadata(id).Size;
        return size;
    }

    public byte[] ReadBlob(string sha)
    {
        lock (_gate)
        {
            var blob = Repository.Lookup<Blob>(new ObjectId(sha)) ?? throw new IOException($"blob {sha} is missing from the object database");
            using var stream = blob.GetContentStream();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }

    private string LinkTarget(ObjectId id)
    {
        var bytes = ReadBlob(id.Sha);
        return Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
    }
}

/// <summary>
/// What tree diffs saw at paths of commits' root trees (<see cref="GitObjectReader.Remember"/>), shared by the handles
/// of one repository (<see cref="GitEvidenceHistory.Twin"/>): a diff on one thread's handle spares lookups on another's.
/// Entries are plain data, so sharing them shares no libgit2 object.
/// </summary>
internal sealed class KnownEntries
{
    /// <summary>A walk asks about a commit and its parents, so starting over past this many loses little.</summary>
    private const int MaxEntries = 100_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(ObjectId Tree, string Path), (Mode? Mode, ObjectId Id)> _entries = [];

    /// <summary>What a diff saw at <paramref name="path"/> of <paramref name="tree"/>: a mode and object (mode null: nothing there).</summary>
    public bool TryGet(ObjectId tree, string path, out (Mode? Mode, ObjectId Id) entry)
    {
        lock (_gate) return _entries.TryGetValue((tree, path), out entry);
    }

    public void Add(ObjectId tree, string path, (Mode? Mode, ObjectId Id) entry)
    {
        lock (_gate)
        {
            if (_entries.Count >= MaxEntries) _entries.Clear();
            _entries[(tree, path)] = entry;
        }
    }
}
