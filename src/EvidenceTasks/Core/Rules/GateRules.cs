using System.Collections.Immutable;

namespace EvidenceTasks.Core.Rules;

/// <summary>The publish gate's rules, in one list. A new rule is one line here.</summary>
public static class GateRules
{
    public static ImmutableArray<IGateRule> All { get; } =
    [
        new CrossFileIdRule(),
        new ReceiptSlotRule(),
        new PanelPresentRule(),
        new ReceiptDurationRule(),
        new ReceiptHashRule(),
        new MockAuditLogOrphanRule(),
        new MockAuditLogBootstrapRule(),
        new MockAuditScoreRule(),
        new DeficiencyLogRule(),
        new FailureModeTagRule(),
        new CarveOutReferenceRule(),
        new BudgetSumRule(),
        new BudgetSnapshotRule(),
        new VarianceNoteRule(),
        new ReadbackRule(),
        new RecurrenceRedUnhardenedRule(),
        new CarveOutExpiryRule(),
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
