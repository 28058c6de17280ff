using System.Collections.Immutable;
using CsCheck;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;
using EvidenceTasks.Tests.Support;
using NodaTime;

namespace EvidenceTasks.Tests.Roster;

public class SignerConflictsTests
{
    private static readonly Instant Base = Instant.FromUtc(2027, 1, 14, 0, 0);
    private static readonly string[] Signers = ["a", "b", "c", "d", "e", "f"];

    [Fact]
    public void Given_random_rosters_When_swept_Then_the_same_pairs_as_comparing_every_pair()
    {
        var slotGen =
            from start in Gen.Int[0, 48]
            from length in Gen.Int[0, 8]
            from status in Gen.OneOf("locked", "draft", "cancelled")
            from signers in Gen.OneOf(Signers).Array[4] // a repeated signer within a slot is a quorum defect, never a conflict
            select (start, length, status, signers);
        slotGen.Array[0, 25].Sample(specs =>
        {
            var slots = specs.Select((s, i) => RosterRecords.Slot($"s{i:00}", "America/Los_Angeles", Base + Duration.FromMinutes(30 * s.start), 30 * s.length, s.status,
                s.signers.Select((id, r) => RosterRecords.Binding(PanelRoles.Canonical[r], id, id + "@studio.example")).ToImmutableArray())).ToList();
            var swept = SignerConflicts.Find(slots).Select(Key).Order().ToList();
            Assert.Equal(Pairwise(slots).Order().ToList(), swept);
        }, iter: 300);
    }

    [Fact]
    public void Given_a_signer_in_three_overlapping_slots_When_swept_Then_three_pairs_each_earlier_first()
    {
        List<RosterSlot> slots =
        [
            RosterRecords.Slot("x1", "America/Los_Angeles", Base, 120),
            RosterRecords.Slot("x2", "America/Los_Angeles", Base + Duration.FromMinutes(30), 120),
            RosterRecords.Slot("x3", "America/Los_Angeles", Base + Duration.FromMinutes(60), 30),
        ];
        var pairs = SignerConflicts.Find(slots).Where(c => c.SignerId == "eng.alice").Select(c => (c.Earlier.RosterSlotId, c.Later.RosterSlotId)).ToList();
        Assert.Equal([("x1", "x2"), ("x1", "x3"), ("x2", "x3")], pairs);
    }

    [Fact]
    public void Given_slots_that_touch_When_swept_Then_no_conflict()
    {
        List<RosterSlot> slots = [RosterRecords.Slot("x1", "America/Los_Angeles", Base, 90), RosterRecords.Slot("x2", "America/Los_Angeles", Base + Duration.FromMinutes(90), 90)];
        Assert.Empty(SignerConflicts.Find(slots));
    }

    private static string Key(SignerConflict c) => $"{c.SignerId}:{c.Earlier.RosterSlotId}:{c.Later.RosterSlotId}";

    private static IEnumerable<string> Pairwise(List<RosterSlot> slots)
    {
        for (var i = 0; i < slots.Count; i++)
        for (var j = 0; j < slots.Count; j++)
        {
            var (a, b) = (slots[i], slots[j]);
            if (i == j || a.RosterStatus == "cancelled" || b.RosterStatus == "cancelled" || a.SlotEndsAtUtc <= a.SlotStartsAtUtc || b.SlotEndsAtUtc <= b.SlotStartsAtUtc) continue;
            if (!SignerConflicts.Overlap(a.SlotStartsAtUtc, a.SlotEndsAtUtc, b.SlotStartsAtUtc, b.SlotEndsAtUtc)) continue;
            // The earlier of the pair: by start, then end, then id (the sweep's order).
            var aFirst = (a.SlotStartsAtUtc, a.SlotEndsAtUtc, a.RosterSlotId).CompareTo((b.SlotStartsAtUtc, b.SlotEndsAtUtc, b.RosterSlotId)) < 0;
            if (!aFirst) continue;
            foreach (var signer in a.Bindings.Select(x => x.SignerId).Intersect(b.Bindings.Select(x => x.SignerId)))
                yield return $"{signer}:{a.RosterSlotId}:{b.RosterSlotId}";
        }
    }
}
