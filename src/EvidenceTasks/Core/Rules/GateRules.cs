using System.Collections.Immutable;

namespace EvidenceTasks.Core.Rules;

/// <summary>The publish gate's rules, in one list. A new rule is one line here.</summary>
public static class GateRules
{
    public static ImmutableArray<IGateRule> All { get; } =
    [
        new CrossFileIdRule(),
        new SlotTimesOrderedRule(),
        new SlotCertWindowRule(),
        new SlotHandoffWeekRule(),
        new SlotLocalZoneRule(),
        new SlotQuorumRule(),
        new TupleDriftRule(),
        new SlotRubricRule(),
        new GovernanceOwnerRule(),
        new SignerConflictRule(),
        new PanelRosterGapRule(),
        new IcsHoldRule(),
        new ManifestHashRule(),
    ];
}
