using System.Collections.Immutable;

namespace EvidenceTasks.Core.Domain;

public sealed record RubricDimension(int Dimension, string Name, decimal Weight);

/// <summary>Rubric registry entry (Lessons 172, 185).</summary>
public sealed record Rubric(
    string RubricVersion,
    int MaxScore,
    decimal PassThreshold,
    ImmutableArray<RubricDimension> Dimensions,
    ImmutableArray<string> FailureModeTags,
    Origin Origin);

public sealed record AllocatorLane(string Lane, ImmutableArray<int> RubricDimensions, string? Title);

/// <summary>governance/allocator.yaml: lanes, classification weights, cap and reserve (Lesson 173).</summary>
public sealed record AllocatorConfig(
    ImmutableArray<AllocatorLane> Lanes,
    ImmutableSortedDictionary<string, decimal> ClassificationWeights,
    decimal LaneCapPct,
    decimal ReservedMinPct,
    int LockDeadlineHours,
    Origin Origin)
{
    public const int DefaultLockDeadlineHours = 72;
}
