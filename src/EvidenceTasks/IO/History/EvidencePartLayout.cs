using System.Collections.Frozen;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.IO.History;

/// <summary>
/// Where each <see cref="EvidenceParts"/> part lives in a repository (the pure Core names parts, the IO ring knows
/// paths), and how to assemble an <see cref="EvidenceSet"/> from per-file load results, so a rule can be run on just the
/// files its <see cref="RecordedHashScope"/> names.
/// </summary>
public static class EvidencePartLayout
{
    /// <summary>The part a file belongs to; <see cref="EvidenceParts.None"/> for a file of no kind.</summary>
    public static EvidenceParts Of(string path) => EvidenceLayout.Classify(path)?.Layout.Kind is { } kind ? Of(kind) : EvidenceParts.None;

    public static EvidenceParts Of(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Rubric => EvidenceParts.Rubrics,
        EvidenceKind.Allocator => EvidenceParts.Allocator,
        EvidenceKind.CertWindows => EvidenceParts.CertWindows,
        EvidenceKind.HandoffWeek => EvidenceParts.HandoffWeeks,
        EvidenceKind.RosterSlots => EvidenceParts.Slots,
        EvidenceKind.AttendanceReceipt => EvidenceParts.Receipts,
        EvidenceKind.MockAuditLog => EvidenceParts.Logs,
        EvidenceKind.DeficiencyTicket => EvidenceParts.Deficiencies,
        EvidenceKind.CarveOut => EvidenceParts.CarveOuts,
        EvidenceKind.SprintBudget => EvidenceParts.SprintBudgets,
        EvidenceKind.QuorumManifest => EvidenceParts.Manifests,
        EvidenceKind.IcsHold => EvidenceParts.IcsHolds,
        EvidenceKind.Readback => EvidenceParts.Readbacks,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a kind without a part"),
    };

    /// <summary>
    /// The entry directly below a root that holds a path: <c>roster/slots</c> for <c>roster/slots/w1.yaml</c>,
    /// <c>governance/allocator.yaml</c> for itself. Replay tracks evidence by these entries.
    /// </summary>
    public static string TopOf(string path)
    {
        var first = path.IndexOf('/');
        var second = first < 0 ? -1 : path.IndexOf('/', first + 1);
        return second < 0 ? path : path[..second];
    }

    private static readonly FrozenDictionary<string, EvidenceParts> PartsByTop = Enum.GetValues<EvidenceKind>()
        .Select(EvidenceLayout.Of)
        .GroupBy(k => TopOf(k.FixedName is null ? k.Directory : $"{k.Directory}/{k.FixedName}{k.Extension}"), StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Aggregate(EvidenceParts.None, (parts, k) => parts | Of(k.Kind)), StringComparer.Ordinal);

    /// <summary>The parts whose files can be below a top entry (see <see cref="TopOf"/>).</summary>
    public static EvidenceParts Below(string top) => PartsByTop.GetValueOrDefault(top);

    /// <summary>
    /// The set the loader would build from exactly these single-file load results (each the <see cref="LoadResult"/> of
    /// one file): their records, file hashes and unreadable paths.
    /// </summary>
    public static EvidenceSet Assemble(IEnumerable<EvidenceSet> files)
    {
        var builder = new EvidenceSetBuilder();
        foreach (var e in files) builder.AddAll(e);
        return builder.ToEvidenceSet();
    }
}
