using System.Text;
using System.Text.Json.Nodes;
using EvidenceTasks.Cli;
using EvidenceTasks.Core.Hashing;
using EvidenceTasks.Tests.Support;
using LibGit2Sharp;

namespace EvidenceTasks.Tests.Cli;

/// <summary>Lesson 182's six-step completion procedure, end to end, over a real git repository with a commit per step.</summary>
public class AttendanceProcedureTests
{
    private const string AsOf = "2026-11-23T12:00:00Z";

    [Fact]
    public void Given_a_locked_slot_When_the_six_steps_run_with_a_commit_each_Then_the_gate_is_clean_and_the_committed_seal_replays()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        using var git = repo.InitGit();
        repo.Commit(git, "baseline: bundled evidence");

        // Step 1 (scribe, T+0): the ICS hold is accepted; scaffold the receipt from the roster and record actual_start_utc.
        Ok(CliRunner.Run(repo.Root, "receipt", "new", "--slot", Scribe.Slot));
        repo.RecordStart("2027-01-14T22:02:00Z");
        Step(repo, git, "step 1: receipt scaffolded, actual_start_utc recorded");

        // Step 2 (scribe, T+5 min): verify the four panel roles present: the scaffold lists exactly the slot's bound signers.
        var panel = JsonNode.Parse(repo.Read(Scribe.ReceiptPath()))!["panel_present"]!.AsArray()
            .Select(p => (p!["role"]!.GetValue<string>(), p["signer_id"]!.GetValue<string>())).ToArray();
        Assert.Equal([("engineering_lead", "eng.carol"), ("governance_owner", "ceo.bob"), ("partner_liaison", "partner.liaison"), ("scribe", "eng.alice")], panel);
        Step(repo, git, "step 2: four panel roles verified");

        // Step 3 (scribe, T+10 min): the tabletop ended after 87.5 minutes; the receipt is completed.
        repo.RecordEnd("2027-01-14T23:29:30Z");
        Step(repo, git, "step 3: receipt completed");

        // Step 4 (engineering, T+15 min): bootstrap the draft log; the receipt gets mock_audit_log_id and its seal.
        Ok(CliRunner.Run(repo.Root, "bootstrap", "--attendance", Scribe.AttendanceId));
        Assert.Contains("\"status\": \"draft\"", repo.Read(Scribe.LogPath()), StringComparison.Ordinal);
        Step(repo, git, "step 4: draft mock audit log bootstrapped");

        // Step 5 (panel, T+24 h): score; status scored with the computed pass bit.
        Ok(CliRunner.Run(repo.Root, "score", "--log", Scribe.LogId, "--scores", "1=4,2=3,3=3,4=4,5=2,6=4,7=3"));
        Assert.Contains("\"pass_bit\": true", repo.Read(Scribe.LogPath()), StringComparison.Ordinal);
        Step(repo, git, "step 5: scored");

        // Step 6 (governance owner, T+48 h): the receipt JSON with its SHA-256 is in the evidence folder, committed;
        // a partner recomputes the seal from the committed bytes alone.
        var blob = (Blob)git.Head.Tip[Scribe.ReceiptPath()].Target;
        var committed = JsonNode.Parse(blob.GetContentText(Encoding.UTF8))!.AsObject();
        Assert.Equal(Scribe.LogId, committed["mock_audit_log_id"]!.GetValue<string>());
        Assert.Equal(Sha256Hex.OfCanonicalWithout(committed, "receipt_sha256"), committed["receipt_sha256"]!.GetValue<string>());
        Step(repo, git, "step 6: sealed receipt exported");

        Assert.Equal(7, git.Commits.Count());
        Assert.Equal(ExitCodes.Clean, CliRunner.Run(repo.Root, "gate").ExitCode);
    }

    private static void Ok(CliRunner.CliRun run) => Assert.True(run.ExitCode == ExitCodes.Clean, run.Out + run.Error);

    /// <summary>Every step leaves a gate-clean repository and is committed.</summary>
    private static void Step(TempEvidenceRepo repo, Repository git, string message)
    {
        var gate = CliRunner.Run(repo.Root, "gate", "--as-of", AsOf);
        Assert.True(gate.ExitCode == ExitCodes.Clean, $"{message}: {gate.Out}");
        repo.Commit(git, message);
        Assert.False(git.RetrieveStatus().IsDirty, message);
    }
}
