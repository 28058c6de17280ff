using System.Collections.Immutable;
using EvidenceTasks.Core.Domain;
using NodaTime;

namespace EvidenceTasks.Core.Roster;

/// <summary>Where a slot's ICS hold stands.</summary>
public enum IcsExportState
{
    /// <summary>Draft or cancelled: only locked slots export.</summary>
    NotLocked,

    /// <summary>Locked, not exported, lock deadline still ahead.</summary>
    Due,

    /// <summary>Locked, not exported, lock deadline passed.</summary>
    Missing,

    /// <summary>Exported and identical (apart from SEQUENCE) to what the exporter would write now.</summary>
    Exported,

    /// <summary>Exported, but the roster changed since: re-export (SEQUENCE goes up).</summary>
    Stale,

    /// <summary>Exported, but its UID is not the slot's UID any more (a UID never changes once exported).</summary>
    UidChanged,

    /// <summary>A file is there but is not a calendar with one event and a UID.</summary>
    Unreadable,
}

/// <summary>One slot as the panel lead sees it: local time, quorum, conflicts, export state and what blocks the lock.</summary>
public sealed record RosterBoardRow(
    RosterSlot Slot,
    string LocalStart,
    SlotQuorum Quorum,
    ImmutableArray<SignerConflict> Conflicts,
    IcsExportState Export,
    Instant LockDeadline,
    ImmutableArray<string> Blockers)
{
    /// <summary>Each slot this one conflicts with, and the signers they share (Lesson 184), in slot id order.</summary>
    public IEnumerable<(string OtherSlotId, string Signers)> ConflictingSlots => RosterBoard.ByOtherSlot(Slot, Conflicts);
}

/// <summary>
/// The roster as a board at one <c>as_of</c> (Lesson 186 "roster tile"): the <c>roster</c> verb prints it and
/// <c>PanelRosterGapRule</c> blocks on the blockers of slots of active windows, so both say the same thing.
/// </summary>
public static class RosterBoard
{
    public static ImmutableArray<RosterBoardRow> Rows(EvidenceSet evidence, Instant asOf)
    {
        var conflicts = SignerConflicts.Find(evidence.Slots);
        var bySlot = conflicts.SelectMany(c => new[] { (c.Earlier.RosterSlotId, c), (c.Later.RosterSlotId, c) })
            .ToLookup(p => p.Item1, p => p.c, StringComparer.Ordinal);
        var holds = evidence.IcsHolds.ToDictionary(h => (h.CertWindowId, h.RosterSlotId));
        return evidence.Slots.Select(s => Row(evidence, s, bySlot[s.RosterSlotId].ToImmutableArray(), holds.GetValueOrDefault((s.CertWindowId, s.RosterSlotId)), asOf)).ToImmutableArray();
    }

    internal static IEnumerable<(string OtherSlotId, string Signers)> ByOtherSlot(RosterSlot slot, IEnumerable<SignerConflict> conflicts) =>
        conflicts.GroupBy(c => (ReferenceEquals(c.Earlier, slot) ? c.Later : c.Earlier).RosterSlotId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, string.Join(", ", g.Select(c => c.SignerId).Distinct().Order(StringComparer.Ordinal))));

    public static Instant LockDeadline(EvidenceSet evidence, RosterSlot slot) =>
        slot.SlotStartsAtUtc - Duration.FromHours(evidence.Allocator?.LockDeadlineHours ?? AllocatorConfig.DefaultLockDeadlineHours);

    private static RosterBoardRow Row(EvidenceSet evidence, RosterSlot slot, ImmutableArray<SignerConflict> conflicts, IcsHold? hold, Instant asOf)
    {
        var quorum = SlotQuorum.Of(slot);
        var deadline = LockDeadline(evidence, slot);
        var export = ExportState(evidence, slot, hold, deadline, asOf);
        var blockers = new List<string>();
        if (slot.RosterStatus != "cancelled")
        {
            if (!slot.IsLocked) blockers.Add("draft");
            if (quorum.MissingRoles.Length > 0)
                blockers.Add($"{quorum.RolesBound}/{PanelRoles.Canonical.Count} roles (missing {string.Join(", ", quorum.MissingRoles)})");
            if (quorum.HasBindingDefects) blockers.Add("binding defects (a role twice, a signer twice or a backup who is the signer)");
            foreach (var (other, signers) in ByOtherSlot(slot, conflicts))
                blockers.Add($"overlaps slot {other} sharing {signers}");
            switch (export)
            {
                case IcsExportState.Missing:
                    blockers.Add($"no ICS hold after the lock deadline {Timestamps.Format(deadline)}");
                    break;
                case IcsExportState.Stale:
                    blockers.Add("ICS hold stale (the roster changed since export)");
                    break;
                case IcsExportState.UidChanged:
                    blockers.Add("ICS hold carries another UID than the slot");
                    break;
                case IcsExportState.Unreadable:
                    blockers.Add("ICS hold is not a readable calendar");
                    break;
            }
        }
        return new RosterBoardRow(slot, LocalTimeLabel.Format(slot.SlotStartsAtUtc, slot.SlotLocalTz), quorum, conflicts, export, deadline, [.. blockers]);
    }

    private static IcsExportState ExportState(EvidenceSet evidence, RosterSlot slot, IcsHold? hold, Instant deadline, Instant asOf)
    {
        if (!slot.IsLocked) return IcsExportState.NotLocked;
        if (hold is null) return asOf >= deadline ? IcsExportState.Missing : IcsExportState.Due;
        if (hold.Identity is not { } identity) return IcsExportState.Unreadable;
        if (identity.Uid != IcsHoldBuilder.UidFor(slot)) return IcsExportState.UidChanged;
        if (!evidence.HandoffWeeksById.TryGetValue(slot.HandoffWeekId, out var week)) return IcsExportState.Exported;
        return IcsHoldBuilder.SameContent(hold.Content, IcsHoldBuilder.Build(slot, week, identity.Sequence)) ? IcsExportState.Exported : IcsExportState.Stale;
    }
}
