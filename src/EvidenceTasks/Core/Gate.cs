using System.Collections.Immutable;
using EvidenceTasks.Core.Rules;
using NodaTime;

namespace EvidenceTasks.Core;

/// <summary>The publish gate's verdict at one <c>as_of</c>: every finding, in report order.</summary>
public sealed record GateResult(Instant AsOf, ImmutableArray<Finding> Findings)
{
    /// <summary>How many files the verdict covers (shown in the summary so a wrong --root is obvious).</summary>
    public int FilesChecked { get; init; }

    public bool Blocked => Findings.Any(f => f.Blocks);

    public int ErrorCount => Findings.Count(f => f.Blocks);

    public int WarningCount => Findings.Length - ErrorCount;
}

/// <summary>The publish gate (Lesson 171): runs every rule over the evidence and collects every finding, never stopping at the first.</summary>
public static class Gate
{
    public static GateResult Evaluate(EvidenceSet evidence, IEnumerable<Finding> loadFindings, Instant asOf) =>
        Evaluate(evidence, loadFindings, asOf, GateRules.All);

    public static GateResult Evaluate(EvidenceSet evidence, IEnumerable<Finding> loadFindings, Instant asOf, IEnumerable<IGateRule> rules) =>
        Combine(asOf, loadFindings, RuleFindings(evidence, asOf, rules));

    /// <summary>Every rule's findings over <paramref name="evidence"/>, concatenated in rule order.</summary>
    public static IReadOnlyList<Finding> RuleFindings(EvidenceSet evidence, Instant asOf, IEnumerable<IGateRule> rules)
    {
        var context = new GateContext(asOf);
        // Rules are pure and independent over one immutable evidence set, so they run on every core; AsOrdered keeps
        // the concatenation (and so Distinct's choice among equal findings) exactly as a sequential run.
        return rules.AsParallel().AsOrdered().SelectMany(r => r.Evaluate(evidence, context).ToList()).ToList();
    }

    /// <summary>The verdict from the findings met before the rules (loading, history) and the rules' own, in report order.</summary>
    public static GateResult Combine(Instant asOf, IEnumerable<Finding> earlierFindings, IEnumerable<Finding> ruleFindings)
    {
        var findings = earlierFindings.Concat(ruleFindings)
            .Distinct()
            .Order(Finding.ReportOrder)
            .ToImmutableArray();
        return new GateResult(asOf, findings);
    }
}
