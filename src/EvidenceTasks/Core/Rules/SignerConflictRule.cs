using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 184 conflicts: one signer is never bound to two (not cancelled) slots whose times overlap, in any window.
/// Reported once per pair, at the later slot's binding, naming both slots and where they are.
/// </summary>
public sealed class SignerConflictRule : ISlotRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context) =>
        SignerConflicts.Find(evidence.Slots).Select(ToFinding);

    /// <summary>The conflicts <paramref name="slot"/> takes part in, on either side.</summary>
    public IEnumerable<Finding> EvaluateSlot(EvidenceSet evidence, RosterSlot slot) =>
        SignerConflicts.Find(evidence.Slots).Where(c => ReferenceEquals(c.Earlier, slot) || ReferenceEquals(c.Later, slot)).Select(ToFinding);

    private static Finding ToFinding(SignerConflict c) => Finding.Error(BlockReason.PanelRosterInvalid, c.LaterBinding.Origin.Field("signer_id"),
        $"signer {c.SignerId} is bound to slot {c.Later.RosterSlotId} ({c.LaterBinding.PanelRole}, {Timestamps.Format(c.Later.SlotStartsAtUtc)} to {Timestamps.Format(c.Later.SlotEndsAtUtc)}) " +
        $"and to overlapping slot {c.Earlier.RosterSlotId} ({c.EarlierBinding.PanelRole}, {Timestamps.Format(c.Earlier.SlotStartsAtUtc)} to {Timestamps.Format(c.Earlier.SlotEndsAtUtc)}) at {c.EarlierBinding.Origin.Field("signer_id")}",
        "Bind another signer (or the backup) to one of the two slots, or move one slot so they no longer overlap.");
}
