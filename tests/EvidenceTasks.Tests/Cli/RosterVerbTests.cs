using EvidenceTasks.Cli;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Cli;

public class RosterVerbTests
{
    private static TempEvidenceRepo Roster()
    {
        SlotSpec us = new("us_t14"), eu = new("eu_dst", Region: "eu", Week: "w1_wk12", Start: "2027-03-28T07:00:00Z", End: "2027-03-28T08:30:00Z");
        var repo = RosterFixture.Create(us, eu);
        Assert.Equal(ExitCodes.Clean, CliRunner.Run(repo.Root, "ics", "--slot", "us_t14").ExitCode);
        // A draft added after the export, double-booking three of us_t14's signers.
        return RosterFixture.WriteSlots(repo, us, new SlotSpec("us_t14b", Start: "2027-01-14T22:00:00Z", End: "2027-01-14T23:30:00Z", Status: "draft", Bindings: SlotSpec.FourRoles().Take(3).ToList()), eu);
    }

    [Fact]
    public void Given_a_roster_When_shown_as_text_Then_one_table_per_window_with_local_time_quorum_conflicts_export_and_blockers()
    {
        using var repo = Roster();
        var run = CliRunner.Run(repo.Root, "roster", "--as-of", "2027-01-13T00:00:00Z");
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        var lines = run.OutLines;
        Assert.Equal("roster at as_of 2027-01-13T00:00:00Z", lines[0]);
        Assert.Equal("w1 (Fixture window), 2027-01-04T00:00:00Z to 2027-04-30T00:00:00Z: active", lines[1]);
        Assert.Matches(@"^  slot +week +region +local start +status +quorum +conflicts +ics +blocks the lock$", lines[2]);
        Assert.Matches(@"^  us_t14 +w1_wk02 +us +Thu 14 Jan 2027 13:00 PST +locked +4/4 +us_t14b \(ceo\.bob, eng\.carol, partner\.liaison\) +exported +overlaps slot us_t14b sharing ceo\.bob, eng\.carol, partner\.liaison$", lines[3]);
        Assert.Matches(@"^  us_t14b +w1_wk02 +us +Thu 14 Jan 2027 14:00 PST +draft +3/4 +us_t14 \(ceo\.bob, eng\.carol, partner\.liaison\) +- +draft; 3/4 roles \(missing scribe\); overlaps slot us_t14 sharing ceo\.bob, eng\.carol, partner\.liaison; panel_roster_invalid \(see findings\)$", lines[4]);
        Assert.Matches(@"^  eu_dst +w1_wk12 +eu +Sun 28 Mar 2027 09:00 CEST +locked +4/4 +- +due by 2027-03-25T07:00:00Z +-$", lines[5]);
        Assert.Equal("findings on the roster, ICS holds and manifests:", lines[6]);
        Assert.Contains(lines, l => l.StartsWith($"  {RosterFixture.SlotsPath}:", StringComparison.Ordinal) && l.Contains("error panel_roster_gap_open: slot us_t14b", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_roster_When_shown_as_markdown_Then_a_table_per_window_and_the_findings()
    {
        using var repo = Roster();
        var run = CliRunner.Run(repo.Root, "roster", "--format", "markdown", "--as-of", "2026-12-01T00:00:00Z", "--window", "w1");
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Contains("## w1 (Fixture window), 2027-01-04T00:00:00Z to 2027-04-30T00:00:00Z: upcoming\n\n| slot | week | region | local start | status | quorum | conflicts | ics | blocks the lock |\n|---|---|---|---|---|---|---|---|---|\n| us_t14 | w1_wk02 | us | Thu 14 Jan 2027 13:00 PST | locked | 4/4 |", run.Out, StringComparison.Ordinal);
        Assert.Contains("## Findings\n\n- `roster/slots/w1.yaml:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_clean_roster_When_shown_Then_no_findings()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14"));
        var run = CliRunner.Run(repo.Root, "roster", "--as-of", "2026-12-01T00:00:00Z");
        Assert.Matches(@"^  us_t14 +w1_wk02 +us +Thu 14 Jan 2027 13:00 PST +locked +4/4 +- +due by 2027-01-11T21:00:00Z +-$", run.OutLines[3]);
        Assert.Equal("  none: nothing on the roster blocks the gate", run.OutLines[^1]);
    }
}
