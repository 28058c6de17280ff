using System.Collections.Immutable;
using NodaTime;

namespace EvidenceTasks.Core.Trends;

/// <summary>
/// The five trend-board classes (Lesson 173) and SPEC.md's evaluation order: improving is tested first (the seed's
/// order makes it unreachable), then structural-red, hot, recurring-minor, and stable for everything else.
/// </summary>
public static class Classifications
{
    public const string StructuralRed = "structural-red";
    public const string Hot = "hot";
    public const string RecurringMinor = "recurring-minor";
    public const string Improving = "improving";
    public const string Stable = "stable";

    /// <summary>Board order: the morning review reads top-down and stops at the first stable row.</summary>
    public static ImmutableArray<string> ByPriority { get; } = [StructuralRed, Hot, RecurringMinor, Improving, Stable];

    /// <summary>A row is improving once its last event is more than this long before as_of.</summary>
    public static readonly Duration QuietPeriod = Duration.FromDays(60);

    public static string Classify(int windowCount, int certBlockingCount, Instant mostRecent, Instant asOf)
    {
        if (windowCount >= 4 && mostRecent < asOf - QuietPeriod) return Improving;
        if (windowCount >= 6 && certBlockingCount >= 2) return StructuralRed;
        if (windowCount >= 4 && certBlockingCount >= 1) return Hot;
        if (windowCount >= 4) return RecurringMinor;
        return Stable;
    }

    /// <summary>0 for structural-red … 4 for stable.</summary>
    public static int Priority(string classification)
    {
        var i = ByPriority.IndexOf(classification);
        return i < 0 ? ByPriority.Length : i;
    }
}
