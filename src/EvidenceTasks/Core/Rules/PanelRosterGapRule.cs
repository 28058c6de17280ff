using EvidenceTasks.Core.Roster;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 186 publish-gate extension <c>panel_roster_gap_open</c>: while a cert window is active (as_of between its
/// opens_utc and closes_utc), each of its slots that is not cancelled must be locked with all four roles, free of
/// Lesson 184 conflicts, and, once its lock deadline has passed, exported as an up-to-date ICS hold. One finding per
/// slot, at the slot, listing everything that keeps it open (the <c>roster</c> verb shows the same list).
/// </summary>
public sealed class PanelRosterGapRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        var active = evidence.CertWindowsById.Values.Where(w => w.IsActiveAt(context.AsOf)).ToDictionary(w => w.CertWindowId, StringComparer.Ordinal);
        if (active.Count == 0) yield break;
        foreach (var row in RosterBoard.Rows(evidence, context.AsOf))
        {
            if (row.Blockers.IsEmpty || !active.TryGetValue(row.Slot.CertWindowId, out var window)) continue;
            var hold = row.Export is IcsExportState.NotLocked or IcsExportState.Due or IcsExportState.Exported ? string.Empty : $" (hold: {IcsHoldBuilder.PathFor(row.Slot)})";
            yield return Finding.Error(BlockReason.PanelRosterGapOpen, row.Slot.Origin.Self,
                $"slot {row.Slot.RosterSlotId} of active window {window.CertWindowId} (until {Timestamps.Format(window.ClosesUtc)}) is open: {string.Join("; ", row.Blockers)}{hold}",
                "Bind the four roles, resolve overlaps, set roster_status: locked and run `ics` before the lock deadline, or cancel the slot.");
        }
    }
}
