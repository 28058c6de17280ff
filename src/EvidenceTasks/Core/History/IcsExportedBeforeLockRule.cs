namespace EvidenceTasks.Core.History;

/// <summary>
/// Lock after export (Lesson 186's guard on Lesson 181): an ICS hold must be exported from a locked slot, or invitees,
/// and then receipts, name signers that were never locked. Judged on the version of the hold at HEAD: the commit that
/// first committed that version must already have the slot locked in its own tree. Re-exporting after the lock (a new
/// version, higher SEQUENCE) clears it.
/// </summary>
public sealed class IcsExportedBeforeLockRule : IHistoryRule
{
    public IEnumerable<Finding> Evaluate(HistoryFacts facts, EvidenceSet evidence)
    {
        var present = evidence.IcsHolds.Select(h => h.Origin.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var ics in facts.IcsExports)
        {
            if (ics.HeadVersionCommitted is not { } committed || !present.Contains(ics.Path)) continue;
            if (ics.SlotStatusWhenHeadVersionCommitted == "locked") continue;
            var state = ics.SlotStatusWhenHeadVersionCommitted is { } s ? $"was {s}" : "did not exist";
            yield return Finding.Error(BlockReason.IcsExportedBeforeLock, new SourceLocation(ics.Path, 1, 1),
                $"this version of the hold for slot {ics.RosterSlotId} was committed in {committed.Describe()}, when the slot {state} in roster/slots/{ics.CertWindowId}.yaml");
        }
    }
}
