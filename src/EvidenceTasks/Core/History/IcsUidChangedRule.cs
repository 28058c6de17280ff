namespace EvidenceTasks.Core.History;

/// <summary>
/// A UID never changes once exported (SPEC.md ICS export): once a slot's hold has been committed, the slot's
/// <c>ics_uid</c> and the UID inside its hold must stay the UID of that first export.
/// </summary>
public sealed class IcsUidChangedRule : IHistoryRule
{
    public IEnumerable<Finding> Evaluate(HistoryFacts facts, EvidenceSet evidence)
    {
        var holds = evidence.IcsHolds.ToDictionary(h => h.Origin.Path, StringComparer.Ordinal);
        foreach (var ics in facts.IcsExports)
        {
            if (ics.FirstUid is not { } first) continue;
            var exported = $"first exported with UID {first} in {ics.FirstExported.Describe()}";
            if (evidence.SlotsById.TryGetValue(ics.RosterSlotId, out var slot) && slot.CertWindowId == ics.CertWindowId
                && slot.IcsUid is { } uid && uid != first)
                yield return Finding.Error(BlockReason.IcsUidChanged, slot.Origin.Field("ics_uid"),
                    $"slot {slot.RosterSlotId} has ics_uid {uid}, but its hold was {exported}",
                    $"Set ics_uid back to {first}; a UID never changes once exported. To move a rehearsal, cancel the slot and roster a new one.");
            if (holds.TryGetValue(ics.Path, out var hold) && IcsText.Uid(hold.Content) is { } now && now != first)
                yield return Finding.Error(BlockReason.IcsUidChanged, new SourceLocation(ics.Path, IcsText.UidLine(hold.Content), 1),
                    $"the hold carries UID {now}, but it was {exported}",
                    $"Export the hold again with UID {first} (and a higher SEQUENCE); a UID never changes once exported.");
        }
    }
}
