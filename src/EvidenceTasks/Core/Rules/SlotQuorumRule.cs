using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 186 quorum rule: a locked slot has all four canonical roles. Whatever the status, the binding table's own
/// constraints hold: each role once per slot (its primary key), four different signers (SPEC.md "Panel roles") and a
/// backup different from the signer (its CHECK).
/// </summary>
public sealed class SlotQuorumRule : SlotRule
{
    public override IEnumerable<Finding> EvaluateSlot(EvidenceSet evidence, RosterSlot slot)
    {
        var quorum = SlotQuorum.Of(slot);
        if (slot.IsLocked && quorum.MissingRoles.Length > 0)
            yield return Finding.Error(BlockReason.PanelRosterInvalid, slot.Origin.Field("bindings"),
                $"locked slot {slot.RosterSlotId} has {quorum.RolesBound} of {PanelRoles.Canonical.Count} roles: missing {string.Join(", ", quorum.MissingRoles)}",
                "Bind every missing role (panel_role, signer_id, signer_email) before roster_status: locked, or set the slot back to draft.");
        foreach (var b in quorum.DuplicateRoles)
            yield return Finding.Error(BlockReason.PanelRosterInvalid, b.Origin.Field("panel_role"),
                $"slot {slot.RosterSlotId}: role {b.PanelRole} is bound more than once",
                "Keep one binding per panel_role.");
        foreach (var b in quorum.SharedSigners)
            yield return Finding.Error(BlockReason.PanelRosterInvalid, b.Origin.Field("signer_id"),
                $"slot {slot.RosterSlotId}: signer {b.SignerId} holds two roles ({string.Join(" and ", slot.Bindings.Where(x => x.SignerId == b.SignerId).Select(x => x.PanelRole))})",
                "Bind four different signers; one person never holds two roles in one slot.");
        foreach (var b in quorum.BackupIsSigner)
            yield return Finding.Error(BlockReason.PanelRosterInvalid, b.Origin.Field("backup_signer_id"),
                $"slot {slot.RosterSlotId}: {b.PanelRole} backup_signer_id is the signer {b.SignerId} itself",
                "Name a different backup, or remove backup_signer_id.");
    }
}
