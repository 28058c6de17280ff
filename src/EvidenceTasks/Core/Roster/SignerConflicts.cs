using System.Collections.Immutable;
using EvidenceTasks.Core.Domain;
using NodaTime;

namespace EvidenceTasks.Core.Roster;

/// <summary>One Lesson 184 conflict: a signer bound to two slots whose times overlap (<see cref="Earlier"/> starts first).</summary>
public sealed record SignerConflict(string SignerId, RosterSlot Earlier, SignerBinding EarlierBinding, RosterSlot Later, SignerBinding LaterBinding);

/// <summary>
/// Lesson 184 conflict detection over every slot of every window. Per signer, the slots they are bound to are sorted by
/// start and swept once, keeping only the slots still running: O(n log n) per signer instead of comparing every pair.
/// Cancelled slots never conflict; two slots that merely touch (one ends as the other starts) do not overlap.
/// </summary>
public static class SignerConflicts
{
    public static ImmutableArray<SignerConflict> Find(IEnumerable<RosterSlot> slots)
    {
        var bySigner = new Dictionary<string, List<(RosterSlot Slot, SignerBinding Binding)>>(StringComparer.Ordinal);
        foreach (var slot in slots)
        {
            if (slot.RosterStatus == "cancelled" || slot.SlotEndsAtUtc <= slot.SlotStartsAtUtc) continue;
            // One signer twice in one slot is a quorum defect (SlotQuorum), not a conflict with itself.
            foreach (var binding in slot.Bindings.DistinctBy(b => b.SignerId))
            {
                if (!bySigner.TryGetValue(binding.SignerId, out var list)) bySigner[binding.SignerId] = list = [];
                list.Add((slot, binding));
            }
        }

        var conflicts = ImmutableArray.CreateBuilder<SignerConflict>();
        foreach (var (signer, bound) in bySigner.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var sorted = bound.OrderBy(b => b.Slot.SlotStartsAtUtc)
                .ThenBy(b => b.Slot.SlotEndsAtUtc)
                .ThenBy(b => b.Slot.RosterSlotId, StringComparer.Ordinal)
                .ToList();
            var running = new List<(RosterSlot Slot, SignerBinding Binding)>();
            foreach (var current in sorted)
            {
                running.RemoveAll(r => r.Slot.SlotEndsAtUtc <= current.Slot.SlotStartsAtUtc);
                foreach (var earlier in running)
                    conflicts.Add(new SignerConflict(signer, earlier.Slot, earlier.Binding, current.Slot, current.Binding));
                running.Add(current);
            }
        }
        return conflicts.ToImmutable();
    }

    /// <summary>True when [aStart, aEnd) and [bStart, bEnd) share an instant.</summary>
    public static bool Overlap(Instant aStart, Instant aEnd, Instant bStart, Instant bEnd) => aStart < bEnd && bStart < aEnd;
}
