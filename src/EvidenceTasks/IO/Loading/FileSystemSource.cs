using EvidenceTasks.Core;

namespace EvidenceTasks.IO.Loading;

/// <summary>Evidence in a folder on disk (a checkout or a plain folder). Never follows a symlink, never leaves the root.</summary>
public sealed class FileSystemSource(string root) : IEvidenceSource
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
        // Listing a folder reads names and types only; each entry's lstat(2) (link or not, length) is the slow part in a
        // folder of 80,000 tickets, so it runs on every core before the entries are added in order.
        var infos = dirInfo.EnumerateFileSystemInfos().ToArray();
        var isLink = new bool[infos.Length];
        var length = new long[infos.Length];
        Parallel.For(0, infos.Length, i =>
        {
            isLink[i] = infos[i].Attributes.HasFlag(FileAttributes.ReparsePoint);
            if (!isLink[i] && infos[i] is FileInfo file) length[i] = file.Length;
        });
        for (var i = 0; i < infos.Length; i++)
        {
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
