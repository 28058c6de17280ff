using System.Collections.Immutable;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Rules;

namespace EvidenceTasks.Core.Roster;

/// <summary>
/// Lesson 186 "roster guard runs first": before a slot is exported (ICS hold, quorum manifest) every gate rule that
/// judges a single slot must pass for it. The exporters refuse a slot with any of these errors.
/// </summary>
public static class LockGuard
{
    public static ImmutableArray<Finding> Check(EvidenceSet evidence, RosterSlot slot) =>
        GateRules.All.OfType<ISlotRule>()
            .SelectMany(r => r.EvaluateSlot(evidence, slot))
            .Where(f => f.Blocks)
            .Distinct()
            .Order(Finding.ReportOrder)
            .ToImmutableArray();
}
