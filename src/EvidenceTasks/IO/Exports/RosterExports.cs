using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;

namespace EvidenceTasks.IO.Exports;

/// <summary>What exporting one file did: the path, the outcome (null when refused) and why it was refused.</summary>
public sealed record ExportResult(string Path, WriteOutcome? Outcome, string Detail, ImmutableArray<Finding> Refusals)
{
    public bool Refused => Outcome is null;

    public static ExportResult Refuse(string path, params Finding[] findings) => new(path, null, string.Empty, [.. findings]);
}

/// <summary>
/// Writes ICS holds and quorum manifests into an evidence repository. The content comes from Core
/// (<see cref="IcsHoldBuilder"/>, <see cref="QuorumManifestBuilder"/>); this class only compares with what is on disk and
/// writes atomically, leaving unchanged files untouched.
/// </summary>
public static class RosterExports
{
    /// <summary>
    /// Exports the hold of a locked slot that passed the <see cref="LockGuard"/>. A new hold gets SEQUENCE 0; an existing one
    /// keeps its bytes when nothing but line endings differ, and otherwise is rewritten with its SEQUENCE + 1. A hold whose
    /// UID is not the slot's is never overwritten.
    /// </summary>
    public static ExportResult ExportIcs(string root, RosterSlot slot, HandoffWeek week)
    {
        var relative = IcsHoldBuilder.PathFor(slot);
        var path = ContainedPath.Resolve(root, relative);
        var uid = IcsHoldBuilder.UidFor(slot);
        if (!File.Exists(path))
        {
            var outcome = AtomicFile.CreateNew(path, IcsHoldBuilder.Build(slot, week, 0));
            return outcome == WriteOutcome.AlreadyExists
                ? ExportResult.Refuse(relative, Finding.Error(BlockReason.PanelRosterInvalid, new SourceLocation(relative, 1, 1), "another process created the hold meanwhile", "Run `ics` again."))
                : new ExportResult(relative, outcome, $"UID {uid}, SEQUENCE 0", []);
        }

        var existing = File.ReadAllText(path, AtomicFile.Utf8);
        var identity = IcsHoldBuilder.ReadIdentity(existing);
        if (identity is null)
            return ExportResult.Refuse(relative, Finding.Error(BlockReason.ParseError, new SourceLocation(relative, 1, 1),
                "the existing hold is not an iCalendar file with exactly one VEVENT carrying a UID; it is not overwritten",
                "Restore the file from git (holds are generated, never edited), then run `ics` again."));
        if (identity.Uid != uid)
            return ExportResult.Refuse(relative, Finding.Error(BlockReason.PanelRosterInvalid, new SourceLocation(relative, identity.UidLine, 1),
                $"the hold was exported with UID {identity.Uid}, but slot {slot.RosterSlotId} now gives UID {uid}; a UID never changes once exported",
                $"Set ics_uid: {identity.Uid} on the slot in {RosterPaths.Slots(slot.CertWindowId)}."));

        if (IcsHoldBuilder.SameContent(existing, IcsHoldBuilder.Build(slot, week, identity.Sequence)))
            return new ExportResult(relative, WriteOutcome.Unchanged, $"UID {uid}, SEQUENCE {identity.Sequence}", []);
        var sequence = identity.Sequence + 1;
        var written = AtomicFile.WriteIfChanged(path, IcsHoldBuilder.Build(slot, week, sequence));
        return new ExportResult(relative, written, $"UID {uid}, SEQUENCE {identity.Sequence} -> {sequence}: the event changed", []);
    }

    /// <summary>Writes the quorum manifest of <paramref name="week"/> over <paramref name="slots"/> (its locked slots).</summary>
    public static ExportResult ExportManifest(string root, HandoffWeek week, IEnumerable<RosterSlot> slots)
    {
        var relative = RosterPaths.Manifest(week.HandoffWeekId);
        var manifest = QuorumManifestBuilder.Build(week, slots);
        var count = manifest["slots"]!.AsArray().Count;
        var outcome = AtomicFile.WriteIfChanged(ContainedPath.Resolve(root, relative), EvidenceJson.Write(manifest));
        return new ExportResult(relative, outcome, $"{count} slot{(count == 1 ? string.Empty : "s")}, manifest_sha256 {manifest["manifest_sha256"]}", []);
    }
}
