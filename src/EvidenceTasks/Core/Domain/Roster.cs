using System.Collections.Immutable;
using NodaTime;

namespace EvidenceTasks.Core.Domain;

/// <summary>cert_window_calendar row (Lesson 181).</summary>
public sealed record CertWindow(string CertWindowId, string? Title, Instant OpensUtc, Instant ClosesUtc, Origin Origin)
{
    /// <summary>A window is active while as_of lies between its opening and closing (SPEC.md panel_roster_gap_open).</summary>
    public bool IsActiveAt(Instant asOf) => OpensUtc <= asOf && asOf <= ClosesUtc;
}

/// <summary>regional_handoff_week (Lesson 179): regional owners, business zones and the active publish tuple.</summary>
public sealed record HandoffWeek(
    string HandoffWeekId,
    string CertWindowId,
    Instant WeekStartsUtc,
    string UsOwnerEmail,
    string EuOwnerEmail,
    string AsiaOwnerEmail,
    string UsBusinessTz,
    string EuBusinessTz,
    string AsiaBusinessTz,
    string ActivePublishTupleHash,
    Origin Origin)
{
    public string? OwnerEmail(string region) => region switch
    {
        "us" => UsOwnerEmail,
        "eu" => EuOwnerEmail,
        "asia" => AsiaOwnerEmail,
        _ => null,
    };

    public string? BusinessTz(string region) => region switch
    {
        "us" => UsBusinessTz,
        "eu" => EuBusinessTz,
        "asia" => AsiaBusinessTz,
        _ => null,
    };
}

/// <summary>panel_roster_signer_binding (Lesson 186).</summary>
public sealed record SignerBinding(string PanelRole, string SignerId, string SignerEmail, string? BackupSignerId, Origin Origin);

/// <summary>mock_audit_panel_roster_slot (Lesson 186) with its four bindings.</summary>
public sealed record RosterSlot(
    string RosterSlotId,
    string CertWindowId,
    string HandoffWeekId,
    string CertRehearsalLabel,
    string RehearsalPhase,
    string SlotRegion,
    string SlotLocalTz,
    Instant SlotStartsAtUtc,
    Instant SlotEndsAtUtc,
    string? IcsUid,
    string RubricVersion,
    string PublishTupleHash,
    string RosterStatus,
    string? BackupPromoteEvent,
    ImmutableArray<SignerBinding> Bindings,
    Origin Origin)
{
    public bool IsLocked => RosterStatus == "locked";

    public SignerBinding? Binding(string role) => Bindings.FirstOrDefault(b => b.PanelRole == role);
}
