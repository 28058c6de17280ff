using EvidenceTasks.Core;
using EvidenceTasks.Core.History;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.IO.History;

/// <summary>Only some files of a source: history rules load the two or three files they need at a commit, not its whole tree.</summary>
internal sealed class FilteredSource(IEvidenceSource inner, Func<string, bool> keep) : IEvidenceSource
{
    public string Description => inner.Description;

    public IReadOnlyList<SourceEntry> Enumerate(ICollection<Finding> findings) =>
        inner.Enumerate(new List<Finding>()).Where(e => keep(e.Path)).ToList();

    public byte[] Read(SourceEntry entry) => inner.Read(entry);

    /// <summary>Loads just <paramref name="paths"/> of a commit (memoised by blob in <paramref name="cache"/>).</summary>
    public static EvidenceSet Load(IEvidenceHistory history, HistoryCommit commit, EvidenceLoader loader, LoadCache cache, params string[] paths) =>
        loader.Load(new FilteredSource(history.TreeOf(commit), p => paths.Contains(p, StringComparer.Ordinal)), cache).Evidence;
}
