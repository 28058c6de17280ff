using NodaTime;

namespace EvidenceTasks.Core.Rules;

/// <summary>Warns (never blocks) about a carve-out in force at as_of that lapses within 14 days, before rows it covers turn blocking.</summary>
public sealed class CarveOutExpiryRule : IGateRule
{
    public static readonly Duration Notice = Duration.FromDays(14);

    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        foreach (var c in evidence.CarveOuts)
        {
            if (c.ApprovedDtUtc > context.AsOf || c.ExpiresDtUtc <= context.AsOf || c.ExpiresDtUtc > context.AsOf + Notice) continue;
            var days = (c.ExpiresDtUtc - context.AsOf).TotalDays;
            yield return Finding.Warning(BlockReason.CarveOutExpiring, c.Origin.Field("expires_dt_utc"),
                $"carve-out {c.CarveOutId} (dimension {c.RubricDimension}, {c.FailureModeTag}) expires at {Timestamps.Format(c.ExpiresDtUtc)}, {days:0.#} days after as_of {Timestamps.Format(context.AsOf)}");
        }
    }
}
