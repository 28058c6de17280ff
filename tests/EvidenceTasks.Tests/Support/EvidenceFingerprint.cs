using EvidenceTasks.Core;

namespace EvidenceTasks.Tests.Support;

/// <summary>
/// A comparable picture of an <see cref="EvidenceSet"/>: every record's kind, file and place in it, in model order, with
/// the SHA-256 of every loaded file and the unreadable paths. Records are a function of their file's bytes, so two sets
/// with equal fingerprints hold the same records in the same order.
/// </summary>
public static class EvidenceFingerprint
{
    public static List<string> Of(EvidenceSet e)
    {
        var lines = new List<string>();
        void Add<T>(string kind, IEnumerable<T> records, Func<T, Origin> origin) =>
            lines.AddRange(records.Select(r => $"{kind} {origin(r).Path}#{origin(r).Pointer}"));
        Add("rubric", e.Rubrics, r => r.Origin);
        Add<EvidenceTasks.Core.Domain.AllocatorConfig>("allocator", e.Allocator is null ? [] : [e.Allocator], r => r.Origin);
        Add("window", e.CertWindows, r => r.Origin);
        Add("week", e.HandoffWeeks, r => r.Origin);
        Add("slot", e.Slots, r => r.Origin);
        Add("receipt", e.Receipts, r => r.Origin);
        Add("log", e.Logs, r => r.Origin);
        Add("ticket", e.Deficiencies, r => r.Origin);
        Add("carve-out", e.CarveOuts, r => r.Origin);
        Add("budget", e.SprintBudgets, r => r.Origin);
        Add("manifest", e.Manifests, r => r.Origin);
        Add("ics", e.IcsHolds, r => r.Origin);
        Add("readback", e.Readbacks, r => r.Origin);
        lines.AddRange(e.FileSha256.Select(f => $"sha256 {f.Key} {f.Value}"));
        lines.AddRange(e.UnreadablePaths.Order(StringComparer.Ordinal).Select(p => $"unreadable {p}"));
        return lines;
    }
}
