using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Roster;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Rules;

public class ManifestHashRuleTests
{
    private const string ManifestPath = "evidence/manifests/w1_wk02.json";

    private static TempEvidenceRepo WithManifest()
    {
        var repo = RosterFixture.Create(new SlotSpec("us_t14"), new SlotSpec("eu_t14", Region: "eu", Start: "2027-01-15T08:00:00Z", End: "2027-01-15T09:30:00Z"));
        Assert.Equal(0, CliRunner.Run(repo.Root, "manifest").ExitCode);
        return repo;
    }

    [Fact]
    public void Given_a_generated_manifest_When_evaluated_Then_nothing_and_the_rule_is_a_recorded_hash_rule()
    {
        using var repo = WithManifest();
        Assert.Empty(RosterFixture.Evaluate(repo, new ManifestHashRule()));
        Assert.Contains(GateRules.All, r => r is ManifestHashRule and IRecordedHashRule);
    }

    [Fact]
    public void Given_the_weeks_slots_file_fails_to_load_When_evaluated_Then_no_stale_manifest_is_piled_on_its_own_finding()
    {
        using var repo = WithManifest();
        repo.Replace(RosterFixture.SlotsPath, "slot_local_tz: America/Los_Angeles", "slot_local_tz: Europe/Atlantis");
        var loaded = EvidenceTasks.IO.Loading.EvidenceLoader.Default.Load(repo.Root);
        Assert.Equal(RosterFixture.SlotsPath, Assert.Single(loaded.Findings).Location.Path);
        Assert.Empty(new ManifestHashRule().Evaluate(loaded.Evidence, new GateContext(NodaTime.Instant.FromUtc(2026, 11, 23, 12, 0))));
        var gate = CliRunner.Run(repo.Root, "gate", "--as-of", "2026-11-23T12:00:00Z");
        Assert.Contains($"{RosterFixture.SlotsPath}:", gate.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("manifest_hash_mismatch", gate.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_tampered_manifest_sha256_When_evaluated_Then_manifest_hash_mismatch_at_it()
    {
        using var repo = WithManifest();
        var recorded = JsonNode.Parse(repo.Read(ManifestPath))!["manifest_sha256"]!.GetValue<string>();
        repo.Replace(ManifestPath, recorded, new string('a', 64));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new ManifestHashRule()), BlockReason.ManifestHashMismatch, ManifestPath, "\"manifest_sha256\"");
        Assert.Contains($"hashes to {recorded}", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_binding_changed_after_the_manifest_When_evaluated_Then_manifest_hash_mismatch_at_that_slots_signers_sha256()
    {
        using var repo = WithManifest();
        var before = JsonNode.Parse(repo.Read(ManifestPath))!["slots"]![1]!["signers_sha256"]!.GetValue<string>();
        repo.Replace(RosterFixture.SlotsPath, "partner_liaison, signer_id: partner.liaison, signer_email: liaison@partner.example}\n      - {panel_role: scribe, signer_id: eng.alice, signer_email: alice@studio.example, backup_signer_id: eu.jonas}\n  - roster_slot_id: eu_t14",
            "partner_liaison, signer_id: partner.tanaka, signer_email: tanaka@partner.example}\n      - {panel_role: scribe, signer_id: eng.alice, signer_email: alice@studio.example, backup_signer_id: eu.jonas}\n  - roster_slot_id: eu_t14");
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new ManifestHashRule()), BlockReason.ManifestHashMismatch, ManifestPath, before);
        Assert.Contains("signers_sha256 of slot us_t14 is " + before, f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_promoted_tuple_When_evaluated_Then_the_stale_manifest_mismatches_at_publish_tuple_hash()
    {
        using var repo = WithManifest();
        repo.Replace("roster/handoff_weeks/w1_wk02.yaml", "active_publish_tuple_hash: a1b2c3", "active_publish_tuple_hash: b2c3d4");
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new ManifestHashRule()), BlockReason.ManifestHashMismatch, ManifestPath, "\"publish_tuple_hash\"");
        Assert.Contains("stale manifest: publish_tuple_hash a1b2c3, but week w1_wk02 has active_publish_tuple_hash b2c3d4", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_slot_locked_after_the_manifest_When_evaluated_Then_the_missing_slot_is_named()
    {
        using var repo = WithManifest();
        repo.Write(RosterFixture.SlotsPath, repo.Read(RosterFixture.SlotsPath) + new SlotSpec("asia_t3", Region: "asia", Start: "2027-01-16T09:00:00Z", End: "2027-01-16T10:30:00Z").Yaml);
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new ManifestHashRule()), BlockReason.ManifestHashMismatch, ManifestPath, "\"slots\"");
        Assert.Contains("locked slot(s) asia_t3 of week w1_wk02 are missing", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_slots_out_of_order_with_a_matching_manifest_sha256_When_evaluated_Then_not_sorted()
    {
        using var repo = WithManifest();
        var manifest = JsonNode.Parse(repo.Read(ManifestPath))!.AsObject();
        var slots = manifest["slots"]!.AsArray();
        var first = slots[0]!.DeepClone();
        slots.RemoveAt(0);
        slots.Add(first);
        manifest["manifest_sha256"] = QuorumManifestBuilder.ManifestSha256(manifest);
        repo.Write(ManifestPath, EvidenceJson.Write(manifest));
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new ManifestHashRule()), BlockReason.ManifestHashMismatch, ManifestPath, "\"slots\"");
        Assert.Contains("not sorted by roster_slot_id", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_manifest_of_a_week_that_does_not_exist_When_evaluated_Then_reference_broken()
    {
        using var repo = WithManifest();
        repo.Delete("roster/handoff_weeks/w1_wk02.yaml");
        // The slots now name a missing week too; only the manifest rule runs here.
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new ManifestHashRule()), BlockReason.ReferenceBroken, ManifestPath, "\"handoff_week_id\"");
        Assert.Contains("roster/handoff_weeks/w1_wk02.yaml does not exist", f.Message, StringComparison.Ordinal);
    }
}
