using System.Collections.Immutable;
using EvidenceTasks.Core.History;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.IO.History;

/// <summary>
/// Extracts <see cref="HistoryFacts"/> from the commits of HEAD for the pure history rules. It parses only the files the
/// rules need (an ICS hold's first version, the slot file at the commit that committed the hold's current version),
/// through the shared <see cref="LoadCache"/>.
/// </summary>
public static class HistoryScanner
{
    public static HistoryFacts Scan(IEvidenceHistory history, HistoryIndex index, HistoryCommit head, EvidenceLoader loader, LoadCache cache)
    {
        var headBlobs = index.BlobsAt(head);
        var first = ImmutableDictionary.CreateBuilder<string, HistoryCommit>(StringComparer.Ordinal);
        foreach (var path in headBlobs.Keys)
        {
            if (index.EventsOf(path).FirstOrDefault(e => e.Blob is not null) is { } added) first[path] = added.Commit;
        }

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
