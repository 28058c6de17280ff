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

    public byte[] Read(SourceEntry entry) => File.ReadAllBytes(FullPath(entry.Path));

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
        foreach (var info in dirInfo.EnumerateFileSystemInfos())
        {
            var rel = relativeDir + "/" + info.Name;
            if (info.Name.Contains('\uFFFD', StringComparison.Ordinal))
            {
                findings.Add(Finding.Error(BlockReason.FileRejected, new SourceLocation(rel, 1, 1), "file name is not valid UTF-8", "Rename the file using its id."));
                continue;
            }
            // The enumeration already knows which entries are links; asking every file for its LinkTarget was one
            // readlink(2) per file.
            if (info.Attributes.HasFlag(FileAttributes.ReparsePoint) && info.LinkTarget is not null)
            {
                if (info is DirectoryInfo)
                    findings.Add(Finding.Error(BlockReason.FileRejected, new SourceLocation(rel, 1, 1), $"directory is a symlink to '{info.LinkTarget}'", "Replace the symlink with a real directory."));
                else
                    entries.Add(new SourceEntry(rel, SourceEntryType.Symlink, 0, LinkTarget: info.LinkTarget));
                continue;
            }
            if (info is DirectoryInfo) Walk(rel, entries, findings);
            else if (info is FileInfo file) entries.Add(new SourceEntry(rel, SourceEntryType.File, file.Length));
        }
    }
}
