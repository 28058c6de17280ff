using System.Security.Cryptography;
using System.Text;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Roster;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Roster;

public class QuorumManifestBuilderTests
{
    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Given_a_slot_When_signers_are_hashed_Then_sha256_of_the_canonical_bindings_sorted_by_role()
    {
        // The JCS bytes written out by hand: members sorted, bindings sorted by panel_role, backup only where set.
        const string canonical =
            """[{"backup_signer_id":"eng.dan","panel_role":"engineering_lead","signer_email":"carol@studio.example","signer_id":"eng.carol"},""" +
            """{"panel_role":"governance_owner","signer_email":"bob@studio.example","signer_id":"ceo.bob"},""" +
            """{"panel_role":"partner_liaison","signer_email":"liaison@partner.example","signer_id":"partner.liaison"},""" +
            """{"backup_signer_id":"eu.jonas","panel_role":"scribe","signer_email":"alice@studio.example","signer_id":"eng.alice"}]""";
        var slot = RosterRecords.Slot("us_t14", "America/Los_Angeles", Timestamps.Parse("2027-01-14T22:00:00Z"),
            bindings: [.. RosterRecords.FourRoles().Reverse()]);
        Assert.Equal(Sha256(canonical), QuorumManifestBuilder.SignersSha256(slot));
    }

    [Fact]
    public void Given_locked_slots_When_built_Then_the_seed_shape_sorted_by_slot_id_with_a_recomputable_manifest_sha256()
    {
        var us = RosterRecords.Slot("us_t14", "America/Los_Angeles", Timestamps.Parse("2027-01-14T22:00:00Z"));
        var eu = RosterRecords.Slot("eu_t14", "Europe/Berlin", Timestamps.Parse("2027-01-15T08:00:00Z"));
        var manifest = QuorumManifestBuilder.Build(RosterRecords.Week(), [us, eu]);
        Assert.Equal(["schema", "handoff_week_id", "cert_window_id", "publish_tuple_hash", "slots", "manifest_sha256"], manifest.Select(p => p.Key));
        Assert.Equal(["eu_t14", "us_t14"], manifest["slots"]!.AsArray().Select(s => s!["roster_slot_id"]!.GetValue<string>()));
        var body = $$"""{"cert_window_id":"w1","handoff_week_id":"w1_wk02","publish_tuple_hash":"a1b2c3","schema":"regional_panel_quorum_manifest_v1","slots":[""" +
                   $$"""{"roster_slot_id":"eu_t14","signers_sha256":"{{QuorumManifestBuilder.SignersSha256(eu)}}","slot_local_tz":"Europe/Berlin","slot_region":"eu","slot_starts_at_utc":"2027-01-15T08:00:00Z"},""" +
                   $$"""{"roster_slot_id":"us_t14","signers_sha256":"{{QuorumManifestBuilder.SignersSha256(us)}}","slot_local_tz":"America/Los_Angeles","slot_region":"us","slot_starts_at_utc":"2027-01-14T22:00:00Z"}]}""";
        Assert.Equal(Sha256(body), manifest["manifest_sha256"]!.GetValue<string>());
    }
}
