using NodaTime;

namespace EvidenceTasks.Core.Rules;

/// <summary>What every rule sees besides the evidence: the instant the gate judges at.</summary>
public sealed record GateContext(Instant AsOf);

/// <summary>A publish-gate rule: a pure function of the evidence and <c>as_of</c>. Named after its seed rule.</summary>
public interface IGateRule
{
    IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context);
}
