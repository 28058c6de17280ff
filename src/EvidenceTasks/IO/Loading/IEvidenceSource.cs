namespace EvidenceTasks.IO.Loading;

/// <summary>What a source knows about one entry under the evidence roots.</summary>
public enum SourceEntryType
{
    File,
    Symlink,
}

/// <summary>
/// One file of a source. <see cref="ContentKey"/> identifies the bytes when the source can say so cheaply (a git blob id):
/// loading results are then memoised by it, so replaying many commits reads each distinct blob once. <see cref="Length"/>
/// is -1 when the source did not ask (a working-tree file git vouched for); reading it then finds out.
/// </summary>
public sealed record SourceEntry(string Path, SourceEntryType Type, long Length, string? ContentKey = null, string? LinkTarget = null);

/// <summary>
/// Where evidence files come from: a folder on disk or a git tree. The loader sees nothing else, so the gate, a pull
/// request's diff and a partner's replay of any commit all judge with the same code.
/// </summary>
public interface IEvidenceSource
{
    /// <summary>A human name for messages (the folder, or the commit).</summary>
    string Description { get; }

    /// <summary>Every entry under governance/, roster/ and evidence/, paths relative and '/'-separated, in ordinal order.</summary>
    IReadOnlyList<SourceEntry> Enumerate(ICollection<EvidenceTasks.Core.Finding> findings);

    /// <summary>The bytes of a file entry returned by <see cref="Enumerate"/>.</summary>
    byte[] Read(SourceEntry entry);
}
