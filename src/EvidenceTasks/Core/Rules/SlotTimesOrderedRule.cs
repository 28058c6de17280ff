using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Rules;

/// <summary>Lesson 186 <c>CHECK (slot_ends_at_utc &gt; slot_starts_at_utc)</c>: a slot ends after it starts.</summary>
public sealed class SlotTimesOrderedRule : SlotRule
{
    public override IEnumerable<Finding> EvaluateSlot(EvidenceSet evidence, RosterSlot slot)
    {
        if (slot.SlotEndsAtUtc > slot.SlotStartsAtUtc) yield break;
        yield return Finding.Error(BlockReason.SchemaInvalid, slot.Origin.Field("slot_ends_at_utc"),
            $"slot {slot.RosterSlotId} ends at {Timestamps.Format(slot.SlotEndsAtUtc)}, not after its start {Timestamps.Format(slot.SlotStartsAtUtc)}",
            "Set slot_ends_at_utc after slot_starts_at_utc (a tabletop is 90 minutes), both in UTC.");
    }
}
