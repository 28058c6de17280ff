using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 186 regional owner rule: a slot's governance_owner uses the week's owner e-mail of the slot's region, unless
/// a Lesson 174 backup_promote_event names the promotion. E-mails compare ignoring case.
/// </summary>
public sealed class GovernanceOwnerRule : SlotRule
{
    public override IEnumerable<Finding> EvaluateSlot(EvidenceSet evidence, RosterSlot slot)
    {
        if (slot.BackupPromoteEvent is not null || !evidence.HandoffWeeksById.TryGetValue(slot.HandoffWeekId, out var week)) yield break;
        if (week.OwnerEmail(slot.SlotRegion) is not { } expected) yield break;
        foreach (var owner in slot.Bindings.Where(b => b.PanelRole == PanelRoles.GovernanceOwner))
        {
            if (string.Equals(owner.SignerEmail, expected, StringComparison.OrdinalIgnoreCase)) continue;
            yield return Finding.Error(BlockReason.PanelRosterInvalid, owner.Origin.Field("signer_email"),
                $"slot {slot.RosterSlotId}: governance_owner {owner.SignerId} <{owner.SignerEmail}> is not the {slot.SlotRegion} owner <{expected}> of handoff week {week.HandoffWeekId}",
                $"Bind the region's owner ({expected}), or name the Lesson 174 promotion in backup_promote_event.");
        }
    }
}
