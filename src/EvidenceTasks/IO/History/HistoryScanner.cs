using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.Core.History;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.IO.History;

/// <summary>
/// Extracts <see cref="HistoryFacts"/> from the commits of HEAD for the pure history rules. It follows only the paths the
/// rules read (the ICS holds, and the files whose first commit is asked for), so its cost grows with the commits that
/// touch them, not with the repository; and it parses only the files the rules need (an ICS hold's first version, the
/// slot file at the commit that committed the hold's current version), through the shared <see cref="LoadCache"/>.
/// </summary>
public static class HistoryScanner
{
    /// <param name="firstCommittedOf">
    /// The paths whose first commit <see cref="HistoryFacts.FirstCommitted"/> must give (the files a pull request adds: the
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
        var exports = ImmutableArray.CreateBuilder<IcsExportHistory>();
        foreach (var path in index.Paths.Order(StringComparer.Ordinal))
        {
            if (EvidenceLayout.Classify(path) is not { Layout.Kind: EvidenceKind.IcsHold } ics) continue;
            var events = index.EventsOf(path);
            if (events.FirstOrDefault(e => e.Blob is not null) is not { } firstExport) continue;
            var windowId = path.Split('/')[2];
            var firstHold = loader.Load(history.FilesOf(firstExport.Commit, [path]), cache).Evidence.IcsHolds.FirstOrDefault();

            HistoryCommit? headVersion = null;
            string? status = null;
            if (headBlobs.TryGetValue(path, out var headBlob) && events.FirstOrDefault(e => e.Blob == headBlob) is { } committed)
            {
                headVersion = committed.Commit;
                var roster = loader.Load(history.FilesOf(committed.Commit, [$"roster/slots/{windowId}.yaml"]), cache).Evidence;
                status = roster.Slots.FirstOrDefault(s => s.RosterSlotId == ics.Id)?.RosterStatus;
            }
            exports.Add(new IcsExportHistory(path, windowId, ics.Id, firstExport.Commit,
                firstHold is null ? null : IcsText.Uid(firstHold.Content), headVersion, status));
        }
        return new HistoryFacts(head, exports.ToImmutable(), first.ToImmutable());
    }
}
