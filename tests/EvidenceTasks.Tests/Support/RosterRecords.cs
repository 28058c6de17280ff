using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using NodaTime;

namespace EvidenceTasks.Tests.Support;

/// <summary>Roster records built in memory, for tests of pure Core code (rules are tested over real files instead).</summary>
public static class RosterRecords
{
    public static SignerBinding Binding(string role, string signer, string email, string? backup = null) =>
        new(role, signer, email, backup, Origin.Synthetic(RosterFixture.SlotsPath));

    public static ImmutableArray<SignerBinding> FourRoles(string ownerId = "ceo.bob", string ownerEmail = "bob@studio.example") =>
    [
        Binding(PanelRoles.EngineeringLead, "eng.carol", "carol@studio.example", "eng.dan"),
        Binding(PanelRoles.GovernanceOwner, ownerId, ownerEmail),
        Binding(PanelRoles.PartnerLiaison, "partner.liaison", "liaison@partner.example"),
        Binding(PanelRoles.Scribe, "eng.alice", "alice@studio.example", "eu.jonas"),
    ];

    public static RosterSlot Slot(string id, string zone, Instant start, int minutes = 90, string status = "locked", ImmutableArray<SignerBinding>? bindings = null, string? icsUid = "") => new(
        id, "w1", "w1_wk02", "T-14 tabletop", RehearsalPhases.TMinus14, RegionOf(zone), zone, start, start + Duration.FromMinutes(minutes),
        icsUid is null ? null : icsUid.Length == 0 ? id + "@cert.example" : icsUid, "rubric_v9", "a1b2c3", status, null,
        bindings ?? FourRoles(), Origin.Synthetic(RosterFixture.SlotsPath));

    public static HandoffWeek Week(Instant? starts = null) => new(
        "w1_wk02", "w1", starts ?? Instant.FromUtc(2027, 1, 11, 0, 0), "bob@studio.example", "eva@studio.example", "kenji@studio.example",
        "America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo", "a1b2c3", Origin.Synthetic("roster/handoff_weeks/w1_wk02.yaml"));

    private static string RegionOf(string zone) => zone.StartsWith("Europe/", StringComparison.Ordinal) ? "eu" : zone.StartsWith("Asia/", StringComparison.Ordinal) ? "asia" : "us";
}
