using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;
using NodaTime;

namespace EvidenceTasks.Tests.Rules;

/// <summary>Window w1 is active 2027-01-04 to 2027-04-30; the default slot starts 2027-01-14T21:00Z, lock deadline 72 h before.</summary>
public class PanelRosterGapRuleTests
{
    private static readonly Instant AfterDeadline = Instant.FromUtc(2027, 1, 13, 0, 0);
    private static readonly Instant BeforeDeadline = Instant.FromUtc(2027, 1, 11, 20, 0);
    private static readonly Instant BeforeWindow = Instant.FromUtc(2026, 12, 1, 0, 0);

    private static List<Finding> Gaps(TempEvidenceRepo repo, Instant asOf) => RosterFixture.Evaluate(repo, new PanelRosterGapRule(), asOf);

    private static void Export(TempEvidenceRepo repo) => Assert.Equal(0, CliRunner.Run(repo.Root, "ics").ExitCode);

    [Fact]
    public void Given_locked_exported_slots_and_a_cancelled_one_in_an_active_window_When_evaluated_Then_nothing()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14"), new SlotSpec("us_t3", Start: "2027-01-15T21:00:00Z", End: "2027-01-15T22:30:00Z", Status: "cancelled", Bindings: []));
        Export(repo);
        Assert.Empty(Gaps(repo, AfterDeadline));
    }

    [Fact]
    public void Given_a_draft_slot_outside_an_active_window_When_evaluated_Then_nothing()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14", Status: "draft", Bindings: []));
        Assert.Empty(Gaps(repo, BeforeWindow));
        Assert.Empty(Gaps(repo, Instant.FromUtc(2027, 5, 1, 0, 0)));
    }

    [Fact]
    public void Given_a_draft_slot_short_of_roles_in_an_active_window_When_evaluated_Then_gap_open_at_the_slot_naming_both()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14", Status: "draft", Bindings: SlotSpec.FourRoles().Take(3).ToList()));
        var f = RosterFixture.AssertSingle(repo, Gaps(repo, BeforeDeadline), BlockReason.PanelRosterGapOpen, RosterFixture.SlotsPath, "roster_slot_id: us_t14");
        Assert.Contains("slot us_t14 of active window w1 (until 2027-04-30T00:00:00Z) is open: draft; 3/4 roles (missing scribe)", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_locked_slot_not_exported_When_evaluated_before_and_after_its_lock_deadline_Then_gap_open_only_after()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14"));
        Assert.Empty(Gaps(repo, BeforeDeadline));
        var f = RosterFixture.AssertSingle(repo, Gaps(repo, AfterDeadline), BlockReason.PanelRosterGapOpen, RosterFixture.SlotsPath, "roster_slot_id: us_t14");
        Assert.Contains("no ICS hold after the lock deadline 2027-01-11T21:00:00Z (hold: evidence/ics/w1/us_t14.ics)", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_lock_deadline_hours_24_When_evaluated_Then_the_deadline_is_24_hours_before_the_start()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14"));
        repo.Replace("governance/allocator.yaml", "lock_deadline_hours: 72", "lock_deadline_hours: 24");
        Assert.Empty(Gaps(repo, Instant.FromUtc(2027, 1, 13, 20, 59, 59)));
        Assert.Contains("lock deadline 2027-01-13T21:00:00Z", Assert.Single(Gaps(repo, Instant.FromUtc(2027, 1, 13, 21, 0))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_export_made_stale_by_a_binding_change_When_evaluated_Then_gap_open_says_stale()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14"));
        Export(repo);
        repo.Replace(RosterFixture.SlotsPath, "scribe, signer_id: eng.alice, signer_email: alice@studio.example", "scribe, signer_id: eng.erin, signer_email: erin@studio.example");
        var f = RosterFixture.AssertSingle(repo, Gaps(repo, BeforeDeadline), BlockReason.PanelRosterGapOpen, RosterFixture.SlotsPath, "roster_slot_id: us_t14");
        Assert.Contains("ICS hold stale (the roster changed since export)", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_conflict_in_an_active_window_When_evaluated_Then_both_slots_have_a_gap()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14"), new SlotSpec("us_t14b", Start: "2027-01-14T22:00:00Z", End: "2027-01-14T23:30:00Z"));
        var gaps = Gaps(repo, BeforeDeadline);
        Assert.Equal(2, gaps.Count);
        Assert.All(gaps, g => Assert.Equal(BlockReason.PanelRosterGapOpen, g.Reason));
        Assert.Contains("overlaps slot us_t14b sharing ceo.bob, eng.alice, eng.carol, partner.liaison", gaps[0].Message, StringComparison.Ordinal);
        Assert.Contains("overlaps slot us_t14 sharing ceo.bob, eng.alice, eng.carol, partner.liaison", gaps[1].Message, StringComparison.Ordinal);
    }
}
