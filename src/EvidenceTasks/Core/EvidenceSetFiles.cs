using System.Collections.Immutable;

namespace EvidenceTasks.Core;

/// <summary>
/// Swapping some files of an <see cref="EvidenceSet"/> for other versions of them, without reloading the rest: a pull
/// request's base is its head with the few changed files taken back to the merge base, so judging a change that touches
/// 10 files of 100,000 loads 10 files, not 100,000 twice.
/// </summary>
public static class EvidenceSetFiles
{
    /// <summary>
    /// <paramref name="evidence"/> with every record, hash and unreadable mark of <paramref name="paths"/> removed and
    /// those of <paramref name="replacement"/> (loaded from exactly those paths; a path it lacks is deleted) put in.
    /// The result equals loading the whole tree with those files swapped: records stay sorted by path and position.
    /// </summary>
    public static EvidenceSet ReplaceFiles(this EvidenceSet evidence, IReadOnlySet<string> paths, EvidenceSet replacement)
    {
        if (paths.Count == 0) return evidence;
        if (replacement.FileSha256.Keys.Concat(replacement.UnreadablePaths).FirstOrDefault(p => !paths.Contains(p)) is { } stray)
            throw new ArgumentException($"the replacement holds '{stray}', which is not one of the replaced paths", nameof(replacement));
        return evidence with
        {
            Rubrics = Swap(evidence.Rubrics, replacement.Rubrics, paths, r => r.Origin),
            Allocator = replacement.Allocator ?? (evidence.Allocator is { } a && paths.Contains(a.Origin.Path) ? null : evidence.Allocator),
            CertWindows = Swap(evidence.CertWindows, replacement.CertWindows, paths, r => r.Origin),
            HandoffWeeks = Swap(evidence.HandoffWeeks, replacement.HandoffWeeks, paths, r => r.Origin),
            Slots = Swap(evidence.Slots, replacement.Slots, paths, r => r.Origin),
            Receipts = Swap(evidence.Receipts, replacement.Receipts, paths, r => r.Origin),
            Logs = Swap(evidence.Logs, replacement.Logs, paths, r => r.Origin),
            Deficiencies = Swap(evidence.Deficiencies, replacement.Deficiencies, paths, r => r.Origin),
            CarveOuts = Swap(evidence.CarveOuts, replacement.CarveOuts, paths, r => r.Origin),
            SprintBudgets = Swap(evidence.SprintBudgets, replacement.SprintBudgets, paths, r => r.Origin),
            Manifests = Swap(evidence.Manifests, replacement.Manifests, paths, r => r.Origin),
            IcsHolds = Swap(evidence.IcsHolds, replacement.IcsHolds, paths, r => r.Origin),
            Readbacks = Swap(evidence.Readbacks, replacement.Readbacks, paths, r => r.Origin),
            FileSha256 = evidence.FileSha256.RemoveRange(paths).SetItems(replacement.FileSha256),
            UnreadablePaths = evidence.UnreadablePaths.Except(paths).Union(replacement.UnreadablePaths),
        };
    }

    /// <summary>
    /// The records not from <paramref name="paths"/>, merged with <paramref name="added"/> (all from <paramref name="paths"/>).
    /// Both are sorted by path then position, and no kept record shares a path with an added one, so merging by path
    /// alone gives the loader's order.
    /// </summary>
    private static ImmutableArray<T> Swap<T>(ImmutableArray<T> current, ImmutableArray<T> added, IReadOnlySet<string> paths, Func<T, Origin> origin)
    {
        if (added.IsEmpty && !current.Any(r => paths.Contains(origin(r).Path))) return current;
        var merged = ImmutableArray.CreateBuilder<T>(current.Length + added.Length);
        var next = 0;
        foreach (var record in current)
        {
            var path = origin(record).Path;
            if (paths.Contains(path)) continue;
            while (next < added.Length && string.CompareOrdinal(origin(added[next]).Path, path) < 0) merged.Add(added[next++]);
            merged.Add(record);
        }
        while (next < added.Length) merged.Add(added[next++]);
        return merged.ToImmutable();
    }
}
