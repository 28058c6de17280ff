namespace EvidenceTasks.Core.Rules;

/// <summary>
/// A roster rule that can judge one slot on its own: the <c>ics</c> and <c>manifest</c> verbs run exactly these as the
/// Lesson 186 guard before exporting a slot ("roster guard runs first"), so the gate and the exporters agree.
/// </summary>
public interface ISlotRule : IGateRule
{
    IEnumerable<Finding> EvaluateSlot(EvidenceSet evidence, Domain.RosterSlot slot);
}

/// <summary>Base for rules that are the same check applied to every slot.</summary>
public abstract class SlotRule : ISlotRule
{
    public virtual IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context) =>
        evidence.Slots.SelectMany(s => EvaluateSlot(evidence, s));

    public abstract IEnumerable<Finding> EvaluateSlot(EvidenceSet evidence, Domain.RosterSlot slot);
}
