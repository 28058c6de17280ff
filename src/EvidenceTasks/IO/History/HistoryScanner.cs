using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.Core.History;
using EvidenceTasks.Core.Roster;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.IO.History;

/// <summary>
/// Extracts <see cref="HistoryFacts"/> from the commits of HEAD for the pure history rules. It follows only the paths the
/// rules read (the ICS holds, and the files whose first commit is asked for), so its cost grows with the commits that
/// touch them, not with the repository; and it parses only the files the rules need (an ICS hold's first version, the
/// slot file at the commit that committed the hold's current version), each through the shared <see cref="LoadCache"/>.
/// </summary>
public static class HistoryScanner
{
    /// <param name="firstCommittedOf">
    /// The paths whose first commit <see cref="HistoryFacts.FirstCommitted"/> must give (the receipts a pull request adds: the
    /// only ones a rule asks about); those absent at HEAD are left out.
    /// </param>
    public static HistoryFacts Scan(IEvidenceHistory history, HistoryCommit head, IReadOnlyCollection<string> firstCommittedOf, EvidenceLoader loader, LoadCache cache)
    {
        var index = new HistoryIndex(history, head, only: [EvidenceLayout.Of(EvidenceKind.IcsHold).Directory, .. firstCommittedOf]);
        var first = ImmutableDictionary.CreateBuilder<string, HistoryCommit>(StringComparer.Ordinal);
        foreach (var entry in history.FilesOf(head, firstCommittedOf).Enumerate(new List<Finding>()))
        {
            if (index.EventsOf(entry.Path).FirstOrDefault(e => e.Blob is not null) is { } added) first[entry.Path] = added.Commit;
        }

        var icsPaths = index.Paths.Where(p => EvidenceLayout.Classify(p) is { Layout.Kind: EvidenceKind.IcsHold }).ToList();
        var headBlobs = history.FilesOf(head, icsPaths).Enumerate(new List<Finding>()).ToDictionary(e => e.Path, e => e.ContentKey, StringComparer.Ordinal);
        // First the versions each hold needs (its first export; the slot file where its HEAD version was committed), then
        // one load per commit for all of them: thousands of holds cost one loader pass per commit, not one per file.
        var holds = new List<(string Path, string WindowId, string SlotId, HistoryCommit FirstExport, HistoryCommit? Committed)>();
        foreach (var path in icsPaths.Order(StringComparer.Ordinal))
        {
            var events = index.EventsOf(path);
            if (events.FirstOrDefault(e => e.Blob is not null) is not { } firstExport) continue;
            var committed = headBlobs.TryGetValue(path, out var headBlob) ? events.FirstOrDefault(e => e.Blob == headBlob)?.Commit : null;
            holds.Add((path, path.Split('/')[2], EvidenceLayout.Classify(path)!.Value.Id, firstExport.Commit, committed));
        }
        var wanted = holds.Select(h => (Commit: h.FirstExport, h.Path))
            .Concat(holds.Where(h => h.Committed is not null).Select(h => (Commit: h.Committed!, Path: RosterPaths.Slots(h.WindowId))));
        // Each file's own records (its result, as the loader makes it), not an evidence set per commit: a set sorts a
        // file's records by position, which is the order the file gives them in, and building thousands costs more.
        var loaded = new Dictionary<(string Sha, string Path), EvidenceSetBuilder?>();
        foreach (var group in wanted.GroupBy(w => w.Commit.Sha, StringComparer.Ordinal))
        {
            var source = history.FilesOf(group.First().Commit, group.Select(w => w.Path).Distinct(StringComparer.Ordinal).ToList());
            foreach (var entry in source.Enumerate(new List<Finding>()))
                loaded[(group.Key, entry.Path)] = loader.LoadOne(source, entry, cache).Records;
        }
        EvidenceSetBuilder? RecordsOf(HistoryCommit commit, string path) => loaded.GetValueOrDefault((commit.Sha, path));

        var exports = ImmutableArray.CreateBuilder<IcsExportHistory>();
        foreach (var (path, windowId, slotId, firstExport, committed) in holds)
        {
            var firstHold = RecordsOf(firstExport, path)?.IcsHoldsOrNull?.FirstOrDefault();
            var status = committed is null ? null
                : RecordsOf(committed, RosterPaths.Slots(windowId))?.SlotsOrNull?.FirstOrDefault(s => s.RosterSlotId == slotId)?.RosterStatus;
            exports.Add(new IcsExportHistory(path, windowId, slotId, firstExport,
                firstHold is null ? null : IcsText.Uid(firstHold.Content), committed, status));
        }
        return new HistoryFacts(head, exports.ToImmutable(), first.ToImmutable());
    }
}
