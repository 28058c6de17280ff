using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Rules;

/// <summary>Lesson 186/179: a locked slot's publish_tuple_hash equals its week's active_publish_tuple_hash.</summary>
public sealed class TupleDriftRule : SlotRule
{
    public override IEnumerable<Finding> EvaluateSlot(EvidenceSet evidence, RosterSlot slot)
    {
        if (!slot.IsLocked || !evidence.HandoffWeeksById.TryGetValue(slot.HandoffWeekId, out var week) || week.ActivePublishTupleHash == slot.PublishTupleHash)
            yield break;
        yield return Finding.Error(BlockReason.TupleDrift, slot.Origin.Field("publish_tuple_hash"),
            $"locked slot {slot.RosterSlotId} carries publish_tuple_hash {slot.PublishTupleHash}, but handoff week {week.HandoffWeekId} has active_publish_tuple_hash {week.ActivePublishTupleHash}",
            $"Re-lock the slot against the week's tuple: set publish_tuple_hash: {week.ActivePublishTupleHash}, then re-run `ics` and `manifest`.");
    }
}
