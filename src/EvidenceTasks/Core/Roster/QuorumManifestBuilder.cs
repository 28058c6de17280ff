using System.Collections.Immutable;
using System.Text.Json.Nodes;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Hashing;

namespace EvidenceTasks.Core.Roster;

/// <summary>
/// The regional_panel_quorum_manifest_v1 of one handoff week (Lesson 186), computed from the roster alone. The
/// <c>manifest</c> verb writes it and the gate's <c>ManifestHashRule</c> recomputes it, so both share this code.
/// docs/hashing.md states the same recipe for partners.
/// </summary>
public static class QuorumManifestBuilder
{
    public const string SchemaName = "regional_panel_quorum_manifest_v1";

    /// <summary>The week's locked slots, sorted by roster_slot_id (ordinal): what the manifest attests.</summary>
    public static ImmutableArray<RosterSlot> SlotsOf(EvidenceSet evidence, string handoffWeekId) =>
        evidence.Slots.Where(s => s.IsLocked && s.HandoffWeekId == handoffWeekId)
            .DistinctBy(s => s.RosterSlotId, StringComparer.Ordinal) // a duplicated id is id_invalid already; the first one counts
            .OrderBy(s => s.RosterSlotId, StringComparer.Ordinal)
            .ToImmutableArray();

    /// <summary>The slot's bindings sorted by panel_role, each {panel_role, signer_id, signer_email} plus backup_signer_id when set.</summary>
    public static JsonArray Signers(RosterSlot slot)
    {
        var array = new JsonArray();
        foreach (var b in slot.Bindings.OrderBy(b => b.PanelRole, StringComparer.Ordinal).ThenBy(b => b.SignerId, StringComparer.Ordinal))
        {
            var o = new JsonObject
            {
                ["panel_role"] = b.PanelRole,
                ["signer_id"] = b.SignerId,
                ["signer_email"] = b.SignerEmail,
            };
            if (b.BackupSignerId is not null) o["backup_signer_id"] = b.BackupSignerId;
            array.Add(o);
        }
        return array;
    }

    /// <summary>SHA-256 over the RFC 8785 form of <see cref="Signers"/>.</summary>
    public static string SignersSha256(RosterSlot slot) => Sha256Hex.OfCanonical(Signers(slot));

    /// <summary>The manifest of <paramref name="week"/> over <paramref name="slots"/> (sorted here), with manifest_sha256 last.</summary>
    public static JsonObject Build(HandoffWeek week, IEnumerable<RosterSlot> slots)
    {
        var items = new JsonArray();
        foreach (var s in slots.OrderBy(s => s.RosterSlotId, StringComparer.Ordinal))
        {
            items.Add(new JsonObject
            {
                ["roster_slot_id"] = s.RosterSlotId,
                ["slot_region"] = s.SlotRegion,
                ["slot_local_tz"] = s.SlotLocalTz,
                ["slot_starts_at_utc"] = Timestamps.Format(s.SlotStartsAtUtc),
                ["signers_sha256"] = SignersSha256(s),
            });
        }
        var manifest = new JsonObject
        {
            ["schema"] = SchemaName,
            ["handoff_week_id"] = week.HandoffWeekId,
            ["cert_window_id"] = week.CertWindowId,
            ["publish_tuple_hash"] = week.ActivePublishTupleHash,
            ["slots"] = items,
        };
        manifest["manifest_sha256"] = ManifestSha256(manifest);
        return manifest;
    }

    /// <summary>SHA-256 over the RFC 8785 form of the manifest without its manifest_sha256 member.</summary>
    public static string ManifestSha256(JsonObject manifest) => Sha256Hex.OfCanonicalWithout(manifest, "manifest_sha256");
}
