using EvidenceTasks.Cli;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Cli;

/// <summary>
/// Lesson 186's mini exercise: seed one handoff week, add a US T-14 slot at 21:00 UTC with America/Los_Angeles, bind three
/// roles only and confirm the lock fails; add the scribe, lock, and get the ICS summary line with the local time.
/// </summary>
public class Lesson186MiniExerciseTests
{
    private static readonly BindingSpec[] ThreeRoles =
    [
        new("engineering_lead", "eng.carol", "carol@studio.example", "eng.dan"),
        new("governance_owner", "ceo.bob", "bob@studio.example"),
        new("partner_liaison", "partner.liaison", "liaison@partner.example"),
    ];

    private static readonly BindingSpec Scribe = new("scribe", "eng.alice", "alice@studio.example");

    [Fact]
    public void Given_three_roles_bound_When_locking_Then_refused_and_with_the_scribe_added_the_lock_passes_and_the_summary_shows_local_time()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14_2027_01_14", Start: "2027-01-14T21:00:00Z", End: "2027-01-14T22:30:00Z", Status: "locked", Bindings: ThreeRoles));

        // Three roles and roster_status: locked: the gate refuses the lock and the exporter refuses the hold.
        var refused = RosterFixture.Evaluate(repo, new SlotQuorumRule());
        RosterFixture.AssertSingle(repo, refused, BlockReason.PanelRosterInvalid, RosterFixture.SlotsPath, "bindings:");
        Assert.Contains("missing scribe", refused[0].Message, StringComparison.Ordinal);
        var export = CliRunner.Run(repo.Root, "ics", "--slot", "us_t14_2027_01_14");
        Assert.Equal(ExitCodes.Blocked, export.ExitCode);
        Assert.Contains("error panel_roster_invalid: locked slot us_t14_2027_01_14 has 3 of 4 roles: missing scribe", export.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.PathOf("evidence/ics/w1/us_t14_2027_01_14.ics")));

        // Add the scribe: the lock passes every slot rule, and the export writes the hold.
        RosterFixture.WriteSlots(repo, new SlotSpec("us_t14_2027_01_14", Start: "2027-01-14T21:00:00Z", End: "2027-01-14T22:30:00Z", Status: "locked", Bindings: [.. ThreeRoles, Scribe]));
        var evidence = RosterFixture.Load(repo);
        Assert.Empty(LockGuardFindings(evidence));
        export = CliRunner.Run(repo.Root, "ics", "--slot", "us_t14_2027_01_14");
        Assert.Equal(ExitCodes.Clean, export.ExitCode);
        var hold = repo.Read("evidence/ics/w1/us_t14_2027_01_14.ics");
        Assert.Contains("\r\nSUMMARY:[rubric_v9] T-14 tabletop \u2014 Thu 14 Jan 2027 13:00 PST\r\n", hold, StringComparison.Ordinal);
        Assert.Contains("\r\nDTSTART;TZID=America/Los_Angeles:20270114T130000\r\n", hold, StringComparison.Ordinal);

        // And the whole window is clean at the lock deadline.
        Assert.Empty(RosterFixture.Evaluate(repo, new PanelRosterGapRule(), NodaTime.Instant.FromUtc(2027, 1, 12, 0, 0)));
    }

    private static IEnumerable<Finding> LockGuardFindings(EvidenceSet evidence) =>
        evidence.Slots.SelectMany(s => EvidenceTasks.Core.Roster.LockGuard.Check(evidence, s));
}
