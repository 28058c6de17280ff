using EvidenceTasks.Core.History;

namespace EvidenceTasks.IO.History;

/// <summary>
/// <c>provenance</c>: the commit that introduced a path and every later commit that changed or deleted it, in the
/// history of HEAD (topological order, all parents; a merge that only brings in a branch's version is not a change).
/// </summary>
public static class ProvenanceTracer
{
    public static IReadOnlyList<PathEvent> Trace(IEvidenceHistory history, HistoryCommit head, string path) =>
        new HistoryIndex(history, head, only: [path]).EventsOf(path);
}
