using System.Text.Json.Nodes;
using EvidenceTasks.Cli;
using EvidenceTasks.Core.Hashing;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Cli;

public class ManifestVerbTests
{
    private const string Wk02 = "evidence/manifests/w1_wk02.json";

    private static TempEvidenceRepo Roster() => RosterFixture.Create(
        new SlotSpec("us_t14"),
        new SlotSpec("eu_t14", Region: "eu", Start: "2027-01-15T08:00:00Z", End: "2027-01-15T09:30:00Z"),
        new SlotSpec("asia_t3", Region: "asia", Start: "2027-01-16T09:00:00Z", End: "2027-01-16T10:30:00Z", Status: "draft", Bindings: []),
        new SlotSpec("us_dst", Week: "w1_wk10", Start: "2027-03-14T21:00:00Z", End: "2027-03-14T22:30:00Z"));

    [Fact]
    public void Given_weeks_with_and_without_locked_slots_When_manifests_are_written_Then_one_per_week_with_locked_slots_which_the_gate_verifies()
    {
        using var repo = Roster();
        var run = CliRunner.Run(repo.Root, "manifest");
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Equal("manifest: skipped w1_wk12 (no locked slot to attest)", run.OutLines[2]);
        Assert.Equal("manifest: 2 created, 0 updated, 0 unchanged, 1 skipped, 0 refused", run.OutLines[^1]);
        var manifest = JsonNode.Parse(repo.Read(Wk02))!.AsObject();
        Assert.Equal("regional_panel_quorum_manifest_v1", manifest["schema"]!.GetValue<string>());
        Assert.Equal(["eu_t14", "us_t14"], manifest["slots"]!.AsArray().Select(s => s!["roster_slot_id"]!.GetValue<string>()));
        Assert.Equal(Sha256Hex.OfCanonicalWithout(manifest, "manifest_sha256"), manifest["manifest_sha256"]!.GetValue<string>());
        Assert.EndsWith("}\n", repo.Read(Wk02), StringComparison.Ordinal);
        Assert.Empty(RosterFixture.Evaluate(repo, new ManifestHashRule()));
    }

    [Fact]
    public void Given_written_manifests_When_written_again_Then_no_byte_and_no_mtime_changes()
    {
        using var repo = Roster();
        CliRunner.Run(repo.Root, "manifest");
        var old = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(repo.PathOf(Wk02), old);
        var bytes = File.ReadAllBytes(repo.PathOf(Wk02));
        var run = CliRunner.Run(repo.Root, "manifest");
        Assert.Equal("manifest: 0 created, 0 updated, 2 unchanged, 1 skipped, 0 refused: nothing to do, every file is up to date", run.OutLines[^1]);
        Assert.Equal(bytes, File.ReadAllBytes(repo.PathOf(Wk02)));
        Assert.Equal(old, File.GetLastWriteTimeUtc(repo.PathOf(Wk02)));
    }

    [Fact]
    public void Given_a_rebound_slot_When_written_again_Then_the_manifest_is_updated_and_verifies()
    {
        using var repo = Roster();
        CliRunner.Run(repo.Root, "manifest", "--week", "w1_wk02");
        var before = repo.Read(Wk02);
        repo.Replace(RosterFixture.SlotsPath, "{panel_role: partner_liaison, signer_id: partner.liaison, signer_email: liaison@partner.example}\n      - {panel_role: scribe, signer_id: eng.alice, signer_email: alice@studio.example, backup_signer_id: eu.jonas}\n  - roster_slot_id: eu_t14",
            "{panel_role: partner_liaison, signer_id: partner.tanaka, signer_email: tanaka@partner.example}\n      - {panel_role: scribe, signer_id: eng.alice, signer_email: alice@studio.example, backup_signer_id: eu.jonas}\n  - roster_slot_id: eu_t14");
        Assert.NotEmpty(RosterFixture.Evaluate(repo, new ManifestHashRule()));
        Assert.StartsWith("manifest: updated evidence/manifests/w1_wk02.json (2 slots, manifest_sha256 ", CliRunner.Run(repo.Root, "manifest", "--week", "w1_wk02").OutLines[0], StringComparison.Ordinal);
        Assert.NotEqual(before, repo.Read(Wk02));
        Assert.Empty(RosterFixture.Evaluate(repo, new ManifestHashRule()));
    }

    [Fact]
    public void Given_a_week_without_locked_slots_When_named_Then_refused_at_the_week()
    {
        using var repo = Roster();
        var run = CliRunner.Run(repo.Root, "manifest", "--week", "w1_wk12");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.StartsWith("roster/handoff_weeks/w1_wk12.yaml:1:1: error panel_roster_gap_open: handoff week w1_wk12 has no locked slot", run.OutLines[0], StringComparison.Ordinal);
        Assert.False(File.Exists(repo.PathOf("evidence/manifests/w1_wk12.json")));
    }

    [Fact]
    public void Given_a_locked_slot_short_of_a_role_When_its_week_is_written_Then_refused_and_nothing_written()
    {
        using var repo = Roster();
        repo.Replace(RosterFixture.SlotsPath, "      - {panel_role: scribe, signer_id: eng.alice, signer_email: alice@studio.example, backup_signer_id: eu.jonas}\n  - roster_slot_id: eu_t14", "  - roster_slot_id: eu_t14");
        var run = CliRunner.Run(repo.Root, "manifest", "--week", "w1_wk02");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains("error panel_roster_invalid: locked slot us_t14 has 3 of 4 roles: missing scribe", run.OutLines[0], StringComparison.Ordinal);
        Assert.Equal("manifest: refused w1_wk02: its locked slots break the roster rules above", run.OutLines[1]);
        Assert.False(File.Exists(repo.PathOf(Wk02)));
    }

    [Fact]
    public void Given_an_unknown_week_When_named_Then_usage_error()
    {
        using var repo = Roster();
        Assert.Equal(ExitCodes.Usage, CliRunner.Run(repo.Root, "manifest", "--week", "w9").ExitCode);
    }
}
