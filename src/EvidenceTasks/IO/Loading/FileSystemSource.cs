using System.IO.Enumeration;
using EvidenceTasks.Core;

namespace EvidenceTasks.IO.Loading;

/// <summary>Evidence in a folder on disk (a checkout or a plain folder). Never follows a symlink, never leaves the root.</summary>
/// <param name="contentKeys">
/// Files whose bytes git already names (<see cref="History.WorkingTreeState.CommittedBlobs"/>): their entries carry the
/// blob id as <see cref="SourceEntry.ContentKey"/>, so the loader can take their result from a <see cref="LoadCache"/>.
/// </param>
public sealed class FileSystemSource(string root, IReadOnlyDictionary<string, string>? contentKeys = null) : IEvidenceSource
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Description => Root;

    public IReadOnlyList<SourceEntry> Enumerate(ICollection<Finding> findings)
    {
        var entries = new List<SourceEntry>();
        foreach (var top in EvidenceLayout.Roots) Walk(top, entries, findings);
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    public byte[] Read(SourceEntry entry)
    {
        // The listing's lstat gave the length, so one read(2) of length + 1 bytes both fills the file and shows its end: a
        // regular file returns fewer bytes than asked only at its end. File.ReadAllBytes would fstat again, a system call
        // per file on a machine where they are slow. A file that changed size since the listing is read the ordinary way.
        var path = FullPath(entry.Path);
        if (entry.Length < 0 || entry.Length >= LoadLimits.MaxFileBytes) return File.ReadAllBytes(path); // unknown length; or refused anyway
        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            var buffer = new byte[entry.Length + 1];
            if (RandomAccess.Read(handle, buffer, 0) == entry.Length) return buffer.AsSpan(0, (int)entry.Length).ToArray();
        }
        return File.ReadAllBytes(path);
    }

    private string FullPath(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        var rootWithSlash = Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSlash, StringComparison.Ordinal))
            throw new InvalidOperationException($"'{relative}' leaves the repository root");
        return full;
    }

    private void Walk(string relativeDir, List<SourceEntry> entries, ICollection<Finding> findings)
    {
        var dirInfo = new DirectoryInfo(FullPath(relativeDir));
        if (!dirInfo.Exists) return;
        if (dirInfo.LinkTarget is not null)
        {
            findings.Add(Finding.Error(BlockReason.FileRejected, new SourceLocation(relativeDir, 1, 1), $"directory is a symlink to '{dirInfo.LinkTarget}'", "Replace the symlink with a real directory."));
            return;
        }
        // Listing a folder as names only is one getdents(2) per batch; asking each entry what it is (lstat(2): a link or
        // not, a folder or not, its length) is the slow part in a folder of 80,000 tickets, so that runs on every core
        // and the entries are then added in order. (DirectoryInfo's own listing built a FileSystemInfo per entry on one
        // thread: half a second for the tickets folder.)
        var names = new FileSystemEnumerable<string>(dirInfo.FullName, static (ref FileSystemEntry e) => e.FileName.ToString(),
            new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false }).ToArray();
        var infos = new FileSystemInfo[names.Length];
        var isLink = new bool[names.Length];
        var length = new long[names.Length];
        // A file git status just vouched for (a regular file holding its blob) is not asked again: half the system calls
        // of a gate over a clean checkout. Its length stays unknown (-1) until it is read, which a cached result spares.
        var known = new string?[names.Length];
        var paths = new string?[names.Length]; // a vouched file's path, made once for the lookup and kept for its entry
        Parallel.For(0, names.Length, i =>
        {
            if (contentKeys is not null && !names[i].Contains('\uFFFD', StringComparison.Ordinal)
                && contentKeys.TryGetValue(paths[i] = relativeDir + "/" + names[i], out var blob))
            {
                known[i] = blob;
                return;
            }
            var full = Path.Join(dirInfo.FullName, names[i]);
            var file = new FileInfo(full);
            infos[i] = file;
            var attributes = file.Attributes; // one lstat; Length below reads the same status
            if ((int)attributes == -1) return; // gone since the listing: left a file, whose read then says so
            isLink[i] = attributes.HasFlag(FileAttributes.ReparsePoint);
            if (attributes.HasFlag(FileAttributes.Directory)) infos[i] = new DirectoryInfo(full);
            else if (!isLink[i]) length[i] = file.Length;
        });
        for (var i = 0; i < infos.Length; i++)
        {
            if (known[i] is { } key)
            {
                entries.Add(new SourceEntry(paths[i]!, SourceEntryType.File, -1, key));
                continue;
            }
            var info = infos[i];
            var rel = relativeDir + "/" + info.Name;
            if (info.Name.Contains('\uFFFD', StringComparison.Ordinal))
            {
                findings.Add(Finding.Error(BlockReason.FileRejected, new SourceLocation(rel, 1, 1), "file name is not valid UTF-8", "Rename the file using its id."));
                continue;
            }
            if (isLink[i] && info.LinkTarget is not null)
            {
                if (info is DirectoryInfo)
                    findings.Add(Finding.Error(BlockReason.FileRejected, new SourceLocation(rel, 1, 1), $"directory is a symlink to '{info.LinkTarget}'", "Replace the symlink with a real directory."));
                else
                    entries.Add(new SourceEntry(rel, SourceEntryType.Symlink, 0, LinkTarget: info.LinkTarget));
                continue;
            }
            if (info is DirectoryInfo) Walk(rel, entries, findings);
            else if (info is FileInfo) entries.Add(new SourceEntry(rel, SourceEntryType.File, length[i]));
        }
    }
}
