using System.Collections.Immutable;
using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Roster;

/// <summary>
/// The Lesson 186 quorum of one slot: which of the four canonical roles are bound, and what breaks the binding table's
/// own constraints (a role bound twice, one signer in two roles, a backup who is the signer).
/// </summary>
public sealed record SlotQuorum(
    ImmutableArray<string> MissingRoles,
    ImmutableArray<SignerBinding> DuplicateRoles,
    ImmutableArray<SignerBinding> SharedSigners,
    ImmutableArray<SignerBinding> BackupIsSigner)
{
    /// <summary>How many distinct canonical roles are bound (the "4/4" of the roster view).</summary>
    public int RolesBound => PanelRoles.Canonical.Count - MissingRoles.Length;

    /// <summary>True when the binding table breaks one of its own constraints, whatever the slot's status.</summary>
    public bool HasBindingDefects => DuplicateRoles.Length > 0 || SharedSigners.Length > 0 || BackupIsSigner.Length > 0;

    /// <summary>All four roles, each once, four different signers, no backup standing in for themselves.</summary>
    public bool IsComplete => MissingRoles.IsEmpty && !HasBindingDefects;

    public static SlotQuorum Of(RosterSlot slot)
    {
        var bound = slot.Bindings.Select(b => b.PanelRole).ToHashSet(StringComparer.Ordinal);
        var missing = PanelRoles.Canonical.Where(r => !bound.Contains(r)).ToImmutableArray();
        // The second (and later) binding of a role or a signer is the defect; the first one stands.
        var duplicateRoles = Later(slot.Bindings, b => b.PanelRole);
        var sharedSigners = Later(slot.Bindings, b => b.SignerId);
        var backupIsSigner = slot.Bindings.Where(b => b.BackupSignerId == b.SignerId).ToImmutableArray();
        return new SlotQuorum(missing, duplicateRoles, sharedSigners, backupIsSigner);
    }

    private static ImmutableArray<SignerBinding> Later(IEnumerable<SignerBinding> bindings, Func<SignerBinding, string> key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return bindings.Where(b => !seen.Add(key(b))).ToImmutableArray();
    }
}
