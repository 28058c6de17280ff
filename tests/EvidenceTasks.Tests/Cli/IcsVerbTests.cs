using EvidenceTasks.Cli;
using EvidenceTasks.Core;
using EvidenceTasks.Tests.Support;
using Ical.Net;
using NodaTime;

namespace EvidenceTasks.Tests.Cli;

public class IcsVerbTests
{
    private const string UsHold = "evidence/ics/w1/us_t14.ics";

    private static TempEvidenceRepo Roster() => RosterFixture.Create(
        new SlotSpec("us_t14"),
        new SlotSpec("eu_t14", Region: "eu", Start: "2027-01-15T08:00:00Z", End: "2027-01-15T09:30:00Z"),
        new SlotSpec("asia_t3", Region: "asia", Start: "2027-01-16T09:00:00Z", End: "2027-01-16T10:30:00Z", Status: "draft", Bindings: []),
        new SlotSpec("us_dst", Week: "w1_wk10", Start: "2027-03-14T21:00:00Z", End: "2027-03-14T22:30:00Z", IcsUid: null));

    private static Dictionary<string, (byte[] Bytes, DateTime Mtime)> Snapshot(TempEvidenceRepo repo) =>
        Directory.EnumerateFiles(repo.PathOf("evidence"), "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(repo.Root, f), f => (File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f)));

    [Fact]
    public void Given_locked_and_draft_slots_When_exported_Then_holds_for_locked_slots_only_and_drafts_listed_as_skipped()
    {
        using var repo = Roster();
        var run = CliRunner.Run(repo.Root, "ics");
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Equal(
            [
                "ics: skipped asia_t3 (draft: only locked slots export)",
                "ics: created evidence/ics/w1/eu_t14.ics (UID eu_t14@cert.example, SEQUENCE 0)",
                "ics: created evidence/ics/w1/us_dst.ics (UID us_dst@roster.evidence-tasks, SEQUENCE 0)",
                "ics: created evidence/ics/w1/us_t14.ics (UID us_t14@cert.example, SEQUENCE 0)",
                "ics: 3 created, 0 updated, 0 unchanged, 1 skipped, 0 refused",
            ],
            run.OutLines);
        Assert.False(File.Exists(repo.PathOf("evidence/ics/w1/asia_t3.ics")));
        Assert.Contains("SUMMARY:[rubric_v9] T-14 tabletop \u2014 Sun 14 Mar 2027 14:00 PDT\r\n", repo.Read("evidence/ics/w1/us_dst.ics"), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_draft_slot_named_with_slot_When_exported_Then_refused_with_panel_roster_gap_open_at_its_status_line()
    {
        using var repo = Roster();
        var run = CliRunner.Run(repo.Root, "ics", "--slot", "asia_t3");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        var line = RosterFixture.LineOf(repo, RosterFixture.SlotsPath, "roster_status: draft");
        Assert.StartsWith($"{RosterFixture.SlotsPath}:{line}:5: error panel_roster_gap_open: slot asia_t3 is draft: only locked slots export an ICS hold (fix: ", run.OutLines[0], StringComparison.Ordinal);
        Assert.False(Directory.Exists(repo.PathOf("evidence/ics")));
    }

    [Fact]
    public void Given_an_unknown_slot_When_exported_Then_usage_error()
    {
        using var repo = Roster();
        Assert.Equal(ExitCodes.Usage, CliRunner.Run(repo.Root, "ics", "--slot", "nope").ExitCode);
    }

    [Fact]
    public void Given_exported_holds_When_exported_again_Then_no_byte_and_no_mtime_changes()
    {
        using var repo = Roster();
        CliRunner.Run(repo.Root, "ics");
        foreach (var f in Directory.EnumerateFiles(repo.PathOf("evidence/ics"), "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(f, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var before = Snapshot(repo);
        var run = CliRunner.Run(repo.Root, "ics");
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Equal("ics: 0 created, 0 updated, 3 unchanged, 1 skipped, 0 refused: nothing to do, every file is up to date", run.OutLines[^1]);
        var after = Snapshot(repo);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (path, (bytes, mtime)) in before)
        {
            Assert.Equal(bytes, after[path].Bytes);
            Assert.Equal(mtime, after[path].Mtime);
        }
    }

    [Fact]
    public void Given_a_hold_checked_out_with_LF_endings_When_exported_again_Then_it_is_left_untouched()
    {
        using var repo = Roster();
        CliRunner.Run(repo.Root, "ics", "--slot", "us_t14");
        var lf = repo.Read(UsHold).Replace("\r\n", "\n", StringComparison.Ordinal);
        repo.Write(UsHold, lf);
        Assert.Contains("ics: unchanged evidence/ics/w1/us_t14.ics", CliRunner.Run(repo.Root, "ics", "--slot", "us_t14").Out, StringComparison.Ordinal);
        Assert.Equal(lf, repo.Read(UsHold));
    }

    [Fact]
    public void Given_the_same_roster_When_exported_by_runs_on_different_dates_Then_byte_identical_holds()
    {
        using var a = Roster();
        using var b = Roster();
        Assert.Equal(ExitCodes.Clean, Run(a.Root, Instant.FromUtc(2026, 11, 23, 12, 0), "ics"));
        Assert.Equal(ExitCodes.Clean, Run(b.Root, Instant.FromUtc(2031, 7, 4, 3, 2, 1), "ics"));
        foreach (var hold in new[] { "us_t14", "eu_t14", "us_dst" })
            Assert.Equal(File.ReadAllBytes(a.PathOf($"evidence/ics/w1/{hold}.ics")), File.ReadAllBytes(b.PathOf($"evidence/ics/w1/{hold}.ics")));
    }

    [Fact]
    public void Given_a_changed_binding_When_exported_again_Then_sequence_goes_up_by_one_and_the_uid_stays()
    {
        using var repo = Roster();
        CliRunner.Run(repo.Root, "ics");
        repo.Replace(RosterFixture.SlotsPath, "scribe, signer_id: eng.alice, signer_email: alice@studio.example, backup_signer_id: eu.jonas}\n  - roster_slot_id: eu_t14",
            "scribe, signer_id: eng.erin, signer_email: erin@studio.example}\n  - roster_slot_id: eu_t14");
        var euBefore = File.ReadAllBytes(repo.PathOf("evidence/ics/w1/eu_t14.ics"));
        var run = CliRunner.Run(repo.Root, "ics");
        Assert.Contains("ics: updated evidence/ics/w1/us_t14.ics (UID us_t14@cert.example, SEQUENCE 0 -> 1: the event changed)", run.OutLines);
        var ev = Calendar.Load(repo.Read(UsHold))!.Events.Single();
        Assert.Equal((1, "us_t14@cert.example"), (ev.Sequence, ev.Uid));
        Assert.Contains(ev.Attendees, a => a.Value!.ToString() == "mailto:erin@studio.example");
        Assert.Equal(euBefore, File.ReadAllBytes(repo.PathOf("evidence/ics/w1/eu_t14.ics")));

        // Unchanged again: SEQUENCE stays at 1 however often it runs.
        Assert.Contains("ics: unchanged evidence/ics/w1/us_t14.ics (UID us_t14@cert.example, SEQUENCE 1)", CliRunner.Run(repo.Root, "ics").OutLines);
    }

    [Fact]
    public void Given_an_ics_uid_changed_after_export_When_exported_Then_refused_and_the_hold_is_untouched()
    {
        using var repo = Roster();
        CliRunner.Run(repo.Root, "ics");
        var before = File.ReadAllBytes(repo.PathOf(UsHold));
        repo.Replace(RosterFixture.SlotsPath, "ics_uid: us_t14@cert.example", "ics_uid: us_t14-new@cert.example");
        var run = CliRunner.Run(repo.Root, "ics");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        var uidLine = RosterFixture.LineOf(repo, UsHold, "UID:");
        Assert.Contains($"{UsHold}:{uidLine}:1: error panel_roster_invalid: the hold was exported with UID us_t14@cert.example, but slot us_t14 now gives UID us_t14-new@cert.example; a UID never changes once exported (fix: Set ics_uid: us_t14@cert.example on the slot in {RosterFixture.SlotsPath}.)", run.OutLines);
        Assert.Equal(before, File.ReadAllBytes(repo.PathOf(UsHold)));
    }

    [Fact]
    public void Given_a_locked_slot_breaking_a_roster_rule_When_exported_Then_refused_with_the_rule_findings()
    {
        using var repo = Roster();
        repo.Replace("roster/handoff_weeks/w1_wk02.yaml", "active_publish_tuple_hash: a1b2c3", "active_publish_tuple_hash: c0ffee");
        var run = CliRunner.Run(repo.Root, "ics", "--slot", "us_t14");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.StartsWith($"{RosterFixture.SlotsPath}:{RosterFixture.LineAfter(repo, RosterFixture.SlotsPath, "roster_slot_id: us_t14", "publish_tuple_hash:")}:5: error tuple_drift:", run.OutLines[0], StringComparison.Ordinal);
        Assert.Equal("ics: refused us_t14: the locked slot breaks the roster rules above", run.OutLines[1]);
        Assert.False(File.Exists(repo.PathOf(UsHold)));
    }

    [Fact]
    public void Given_a_roster_file_that_does_not_parse_When_exported_Then_refused_with_its_finding()
    {
        using var repo = Roster();
        repo.Write(RosterFixture.SlotsPath, repo.Read(RosterFixture.SlotsPath) + "\tbad: tab\n");
        var run = CliRunner.Run(repo.Root, "ics");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains(": error parse_error: ", run.OutLines[0], StringComparison.Ordinal);
        Assert.Equal("ics: refused: the roster does not load; nothing written", run.OutLines[^1]);
    }

    private static int Run(string root, Instant now, params string[] args)
    {
        var ctx = new CliContext(new StringWriter(), new StringWriter(), new FixedClock(now), _ => null, root);
        return EvidenceCli.Run(args, ctx);
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
