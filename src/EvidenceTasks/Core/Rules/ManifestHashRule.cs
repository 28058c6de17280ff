using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 186 "Manifest SHA-256 verifies in CI": a committed quorum manifest's manifest_sha256 recomputes from the file,
/// and the file is what the roster gives now (the week's tuple, its locked slots sorted by roster_slot_id, each slot's
/// fields and signers_sha256). Anything else is <c>manifest_hash_mismatch</c>, stale manifests included.
/// </summary>
public sealed class ManifestHashRule : IRecordedHashRule
{
    /// <summary>Each manifest is compared with its handoff week (or that week's file being unreadable) and the locked slots; never with another manifest.</summary>
    public RecordedHashScope Scope { get; } = new(EvidenceParts.Manifests, EvidenceParts.HandoffWeeks | EvidenceParts.Slots);

    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context) =>
        evidence.Manifests.SelectMany(m => Check(evidence, m));

    private static IEnumerable<Finding> Check(EvidenceSet evidence, QuorumManifest m)
    {
        var regenerate = $"Regenerate it with `manifest --week {m.HandoffWeekId}` and commit the result; never edit a manifest by hand.";
        if (m.ManifestSha256 != m.ComputedManifestSha256)
            yield return Mismatch(m.Origin.Field("manifest_sha256"),
                $"manifest_sha256 {m.ManifestSha256} does not recompute: the manifest without it hashes to {m.ComputedManifestSha256}", regenerate);

        if (!evidence.HandoffWeeksById.TryGetValue(m.HandoffWeekId, out var week))
        {
            if (!evidence.IsUnreadable(RosterPaths.HandoffWeek(m.HandoffWeekId)))
                yield return Finding.Error(BlockReason.ReferenceBroken, m.Origin.Field("handoff_week_id"),
                    $"manifest of handoff week '{m.HandoffWeekId}', but {RosterPaths.HandoffWeek(m.HandoffWeekId)} does not exist",
                    "Restore the handoff week, or remove the manifest of a week that never existed.");
            yield break;
        }

        if (m.CertWindowId != week.CertWindowId)
            yield return Mismatch(m.Origin.Field("cert_window_id"), $"stale manifest: cert_window_id {m.CertWindowId}, but week {week.HandoffWeekId} belongs to {week.CertWindowId}", regenerate);
        if (m.PublishTupleHash != week.ActivePublishTupleHash)
            yield return Mismatch(m.Origin.Field("publish_tuple_hash"), $"stale manifest: publish_tuple_hash {m.PublishTupleHash}, but week {week.HandoffWeekId} has active_publish_tuple_hash {week.ActivePublishTupleHash}", regenerate);

        // A slots file that failed to load already has its own finding; comparing against its missing slots would call
        // every manifest of the window stale (seen: one wrong slot_local_tz gave four manifest_hash_mismatch lines).
        if (evidence.IsUnreadable(RosterPaths.Slots(week.CertWindowId))) yield break;

        var expected = QuorumManifestBuilder.SlotsOf(evidence, week.HandoffWeekId).ToDictionary(s => s.RosterSlotId, StringComparer.Ordinal);
        foreach (var ms in m.Slots)
        {
            if (!expected.TryGetValue(ms.RosterSlotId, out var slot))
            {
                yield return Mismatch(ms.Origin.Field("roster_slot_id"), $"stale manifest: slot {ms.RosterSlotId} is not a locked slot of week {week.HandoffWeekId}", regenerate);
                continue;
            }
            foreach (var f in Field(ms, "slot_region", ms.SlotRegion, slot.SlotRegion, regenerate)) yield return f;
            foreach (var f in Field(ms, "slot_local_tz", ms.SlotLocalTz, slot.SlotLocalTz, regenerate)) yield return f;
            foreach (var f in Field(ms, "slot_starts_at_utc", Timestamps.Format(ms.SlotStartsAtUtc), Timestamps.Format(slot.SlotStartsAtUtc), regenerate)) yield return f;
            foreach (var f in Field(ms, "signers_sha256", ms.SignersSha256, QuorumManifestBuilder.SignersSha256(slot), regenerate)) yield return f;
        }
        var listed = m.Slots.Select(s => s.RosterSlotId).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Keys.Where(id => !listed.Contains(id)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            yield return Mismatch(m.Origin.Field("slots"), $"stale manifest: locked slot(s) {string.Join(", ", missing)} of week {week.HandoffWeekId} are missing", regenerate);
        var ids = m.Slots.Select(s => s.RosterSlotId).ToList();
        if (!ids.SequenceEqual(ids.Order(StringComparer.Ordinal)))
            yield return Mismatch(m.Origin.Field("slots"), "slots are not sorted by roster_slot_id (ordinal)", regenerate);
    }

    private static IEnumerable<Finding> Field(ManifestSlot ms, string field, string recorded, string computed, string fix)
    {
        if (recorded == computed) yield break;
        var what = field == "signers_sha256"
            ? $"signers_sha256 of slot {ms.RosterSlotId} is {recorded}, but its bindings hash to {computed}"
            : $"stale manifest: {field} of slot {ms.RosterSlotId} is {recorded}, but the roster says {computed}";
        yield return Mismatch(ms.Origin.Field(field), what, fix);
    }

    private static Finding Mismatch(SourceLocation at, string message, string fix) =>
        Finding.Error(BlockReason.ManifestHashMismatch, at, message, fix);
}
