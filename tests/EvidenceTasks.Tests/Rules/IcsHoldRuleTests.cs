using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Rules;

public class IcsHoldRuleTests
{
    private const string HoldPath = "evidence/ics/w1/us_t14.ics";

    private static TempEvidenceRepo Exported(params SlotSpec[] slots)
    {
        var repo = RosterFixture.Create(slots);
        Assert.Equal(0, CliRunner.Run(repo.Root, "ics").ExitCode);
        return repo;
    }

    [Fact]
    public void Given_exported_holds_with_and_without_ics_uid_When_evaluated_Then_nothing()
    {
        using var repo = Exported(new SlotSpec("us_t14"), new SlotSpec("us_t3", Start: "2027-01-15T21:00:00Z", End: "2027-01-15T22:30:00Z", IcsUid: null));
        Assert.Empty(RosterFixture.Evaluate(repo, new IcsHoldRule()));
    }

    [Fact]
    public void Given_a_hold_of_a_slot_that_does_not_exist_When_evaluated_Then_reference_broken_at_the_hold()
    {
        using var repo = Exported(new SlotSpec("us_t14"));
        repo.Write("evidence/ics/w1/us_t99.ics", repo.Read(HoldPath));
        var f = Assert.Single(RosterFixture.Evaluate(repo, new IcsHoldRule()));
        Assert.Equal((BlockReason.ReferenceBroken, "evidence/ics/w1/us_t99.ics", 1), (f.Reason, f.Location.Path, f.Location.Line));
    }

    [Fact]
    public void Given_an_ics_uid_changed_after_export_When_evaluated_Then_panel_roster_invalid_at_the_UID_line_of_the_hold()
    {
        using var repo = Exported(new SlotSpec("us_t14"));
        repo.Replace(RosterFixture.SlotsPath, "ics_uid: us_t14@cert.example", "ics_uid: us_t14-v2@cert.example");
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new IcsHoldRule()), BlockReason.PanelRosterInvalid, HoldPath, "UID:us_t14@cert.example");
        Assert.Contains("exported with UID us_t14@cert.example, but slot us_t14 now gives UID us_t14-v2@cert.example", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_hold_that_is_not_a_calendar_When_evaluated_Then_parse_error()
    {
        using var repo = Exported(new SlotSpec("us_t14"));
        repo.Write(HoldPath, "hello\r\n");
        var f = Assert.Single(RosterFixture.Evaluate(repo, new IcsHoldRule()));
        Assert.Equal((BlockReason.ParseError, HoldPath, 1), (f.Reason, f.Location.Path, f.Location.Line));
    }
}
