using EvidenceTasks.Core;
using EvidenceTasks.IO.Loading;
using LibGit2Sharp;

namespace EvidenceTasks.IO.Git;

/// <summary>
/// The evidence files of one commit's tree (governance/, roster/, evidence/), read straight from the object database:
/// no checkout. Each entry's content key is its blob id, so <see cref="EvidenceLoader"/>'s <see cref="LoadCache"/> parses
/// a blob once however many commits contain it. Symlinks (mode 120000) are reported as symlinks and refused by the
/// loader exactly as on disk, so a commit is judged by the same code as a folder.
/// </summary>
public sealed class GitTreeSource : IEvidenceSource
{
    private readonly GitObjectReader _reader;
    private readonly Tree _tree;
    private readonly IReadOnlyCollection<string>? _only;

    public GitTreeSource(Repository repository, Commit commit)
        : this(new GitObjectReader(repository, new KnownEntries()), commit)
    {
    }

    /// <summary>With <paramref name="only"/>: just those paths, each looked up in the tree rather than the tree listed.</summary>
    internal GitTreeSource(GitObjectReader reader, Commit commit, IReadOnlyCollection<string>? only = null)
    {
        _reader = reader;
        _tree = commit.Tree;
        _only = only;
        Description = $"commit {commit.Sha[..12]}";
    }

    public string Description { get; }

    public IReadOnlyList<SourceEntry> Enumerate(ICollection<Finding> findings)
    {
        if (_only is not null)
        {
            // The entries the full listing would hold for these paths; the listing's findings are about other files.
            var found = _only.Distinct(StringComparer.Ordinal).Select(p => _reader.Find(_tree, p)).OfType<SourceEntry>().ToList();
            found.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            return found;
        }
        var entries = new List<SourceEntry>();
        foreach (var top in EvidenceLayout.Roots)
        {
            var entry = _tree[top];
            if (entry is null) continue;
            if (entry.Mode == Mode.Directory)
            {
                var listing = _reader.List(top, (Tree)entry.Target);
                entries.AddRange(listing.Entries);
                foreach (var f in listing.Findings) findings.Add(f);
            }
            else if (entry.Mode == Mode.SymbolicLink)
            {
                findings.Add(Finding.Error(BlockReason.FileRejected, new SourceLocation(top, 1, 1), "directory is a symlink", "Replace the symlink with a real directory."));
            }
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    public byte[] Read(SourceEntry entry) =>
        _reader.ReadBlob(entry.ContentKey ?? throw new ArgumentException($"'{entry.Path}' was not listed by this source", nameof(entry)));
}
