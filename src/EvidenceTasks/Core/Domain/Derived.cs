using System.Collections.Immutable;
using NodaTime;

namespace EvidenceTasks.Core.Domain;

/// <summary>sprint_hardening_budget (Lesson 173) as committed; lane percentages keyed by lane name (reserved included).</summary>
public sealed record SprintBudget(
    string SprintId,
    Instant AsOf,
    Instant GeneratedDtUtc,
    ImmutableSortedDictionary<string, decimal> LanePct,
    string TrendBoardSnapshotHash,
    string ApprovedBy,
    string? VarianceNote,
    Origin Origin)
{
    /// <summary>
    /// <c>inputs_sha256</c>: SHA-256 of every file the budget was computed from (the board's tickets and logs, and
    /// governance/allocator.yaml) when it was cut, so its hash still verifies after later evidence arrives.
    /// </summary>
    public ImmutableSortedDictionary<string, string> InputsSha256 { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
}

public sealed record ManifestSlot(
    string RosterSlotId,
    string SlotRegion,
    string SlotLocalTz,
    Instant SlotStartsAtUtc,
    string SignersSha256,
    Origin Origin);

/// <summary>regional_panel_quorum_manifest_v1 (Lesson 186) as committed.</summary>
public sealed record QuorumManifest(
    string HandoffWeekId,
    string CertWindowId,
    string PublishTupleHash,
    ImmutableArray<ManifestSlot> Slots,
    string ManifestSha256,
    string ComputedManifestSha256,
    Origin Origin);

/// <summary>
/// An exported ICS hold, kept as text: evidence/ics/&lt;cert_window_id&gt;/&lt;roster_slot_id&gt;.ics. <see cref="Identity"/>
/// is what Ical.Net reads of it (null: not a calendar with exactly one event carrying a UID), read once when the hold is
/// made, which for a gate is while files load on every core: 5,000 Ical.Net parses after the load were the slowest rule.
/// </summary>
/// <remarks>
/// Constructors written out instead of a primary one (which would always run the parse): a hold decoded from the load
/// cache is given the identity read when its file was first loaded, so a warm load parses no calendar at all.
/// </remarks>
public sealed record IcsHold
{
    private readonly string _content;

    public IcsHold(string CertWindowId, string RosterSlotId, string Content, Origin Origin)
        : this(CertWindowId, RosterSlotId, Content, Origin, Roster.IcsHoldBuilder.ReadIdentity(Content))
    {
    }

    /// <summary>A hold whose <paramref name="identity"/> is already known to be what its text reads as; nothing is parsed.</summary>
    internal IcsHold(string certWindowId, string rosterSlotId, string content, Origin origin, Roster.IcsHoldIdentity? identity)
    {
        CertWindowId = certWindowId;
        RosterSlotId = rosterSlotId;
        _content = content;
        Origin = origin;
        Identity = identity;
    }

    public string CertWindowId { get; init; }

    public string RosterSlotId { get; init; }

    public string Content
    {
        get => _content;
        init
        {
            _content = value;
            Identity = Roster.IcsHoldBuilder.ReadIdentity(value); // a `with { Content = ... }` reads the new text
        }
    }

    public Origin Origin { get; init; }

    public Roster.IcsHoldIdentity? Identity { get; private init; }

    public void Deconstruct(out string CertWindowId, out string RosterSlotId, out string Content, out Origin Origin)
    {
        CertWindowId = this.CertWindowId;
        RosterSlotId = this.RosterSlotId;
        Content = this.Content;
        Origin = this.Origin;
    }
}

/// <summary>A partner readback packet, kept as text: evidence/readbacks/&lt;sprint_id&gt;.md.</summary>
public sealed record Readback(string SprintId, string Content, Origin Origin);
