using EvidenceTasks.Core.Domain;
using NodaTime;

namespace EvidenceTasks.Core.Trends;

/// <summary>
/// One row of Lesson 173's <c>deficiency_event</c> view: a ticket joined to its SCORED mock-audit log, time-stamped to
/// the rehearsal. Withdrawn tickets are events too (the seed's view does not filter them).
/// </summary>
public sealed record DeficiencyEvent(DeficiencyTicket Ticket, MockAuditLog Log)
{
    public string CertWindowId => Ticket.CertWindowId;

    public Instant RehearsalDtUtc => Log.RehearsalDtUtc;

    public int RubricDimension => Ticket.RubricDimension;

    public string FailureModeTag => Ticket.FailureModeTag;

    public bool IsCertBlocking => Ticket.Severity == "cert_blocking";

    /// <summary>The resolution as known at <paramref name="asOf"/>: a resolution after as_of has not happened yet.</summary>
    public Instant? ResolvedAt(Instant asOf) =>
        Ticket.Status == "resolved" && Ticket.ResolvedDtUtc is { } r && r <= asOf ? r : null;

    /// <summary>
    /// Carved out as known at <paramref name="asOf"/>: the ticket is carved_out and its carve-out exists and was approved
    /// at or before as_of (a carve-out approved later has not happened yet, like a later resolution).
    /// </summary>
    public bool IsCarvedOutAt(Instant asOf, IReadOnlyDictionary<string, CarveOut> carveOuts) =>
        Ticket.Status == "carved_out" && Ticket.CarveOutId is { } id
        && carveOuts.TryGetValue(id, out var c) && c.ApprovedDtUtc <= asOf;

    /// <summary>Every deficiency event that exists at <paramref name="asOf"/>: scored logs only, rehearsals at or before as_of.</summary>
    public static IEnumerable<DeficiencyEvent> At(EvidenceSet evidence, Instant asOf)
    {
        foreach (var ticket in evidence.Deficiencies)
        {
            if (!evidence.LogsById.TryGetValue(ticket.MockAuditId, out var log) || !log.IsScored) continue;
            if (log.RehearsalDtUtc > asOf) continue;
            yield return new DeficiencyEvent(ticket, log);
        }
    }
}
