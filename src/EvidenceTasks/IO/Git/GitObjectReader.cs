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
internal sealed class GitObjectReader(Repository repository)
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
                if (Refusal(path, entry) is { } refusal) findings.Add(refusal);
                else if (entry.Mode == Mode.Directory)
                {
                    var sub = List(path, (Tree)entry.Target);
                    entries.AddRange(sub.Entries);
                    findings.AddRange(sub.Findings);
                }
                else entries.Add(FileEntry(path, entry));
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
            // Every folder on the way must be a real one; the tree lookup only descends through trees, so a path below
            // a symlink or a submodule is simply absent.
            if (!IsListable(path) || tree[path] is not { } entry) return null;
            return Refusal(path, entry) is null && entry.Mode != Mode.Directory ? FileEntry(path, entry) : null;
        }
    }

    /// <summary>What <see cref="List"/> can list: a path below a root folder whose name decoded as UTF-8.</summary>
    internal static bool IsListable(string path) =>
        EvidenceLayout.IsBelowRoot(path) && !path.Contains('\uFFFD', StringComparison.Ordinal);

    /// <summary>Why an entry cannot be evidence (a name that is not UTF-8, a submodule), or null.</summary>
    private static Finding? Refusal(string path, TreeEntry entry)
    {
        var at = new SourceLocation(path, 1, 1);
        if (entry.Name.Contains('\uFFFD', StringComparison.Ordinal))
            return Finding.Error(BlockReason.FileRejected, at, "file name is not valid UTF-8", "Rename the file using its id.");
        if (entry.Mode == Mode.GitLink)
            return Finding.Error(BlockReason.FileRejected, at, $"submodule at commit {entry.Target.Sha} is not evidence", "Remove the submodule; evidence is plain files in this repository.");
        return null;
    }

    /// <summary>A file or symlink entry (the loader refuses symlinks itself, exactly as on disk).</summary>
    private SourceEntry FileEntry(string path, TreeEntry entry) => entry.Mode == Mode.SymbolicLink
        ? new SourceEntry(path, SourceEntryType.Symlink, 0, entry.Target.Sha, LinkTarget: LinkTarget(entry.Target.Id))
        : new SourceEntry(path, SourceEntryType.File, Size(entry.Target.Id), entry.Target.Sha);

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
