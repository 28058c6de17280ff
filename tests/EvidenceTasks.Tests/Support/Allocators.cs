using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Tests.Support;

/// <summary>Allocator configurations built in memory (SPEC.md's lanes and weights, with the cap and reserve chosen per test).</summary>
public static class Allocators
{
    public static AllocatorConfig Spec(decimal cap = 40m, decimal reserve = 20m) => new(
        [
            new AllocatorLane("lessons_164_166", [1, 4], "Lessons 164+166 - Alignment"),
            new AllocatorLane("lesson_163", [2], "Lesson 163 - Carve-out trails"),
            new AllocatorLane("lesson_165", [3], "Lesson 165 - Footer schema"),
            new AllocatorLane("lesson_167", [5], "Lesson 167 - Diff gate"),
            new AllocatorLane("lesson_170", [6], "Lesson 170 - FAQ discipline"),
            new AllocatorLane("lesson_171", [7], "Lesson 171 - Publish gate"),
        ],
        new Dictionary<string, decimal> { ["structural-red"] = 5m, ["hot"] = 3m, ["recurring-minor"] = 1m, ["improving"] = 0.5m, ["stable"] = 0m }
            .ToImmutableSortedDictionary(StringComparer.Ordinal),
        cap, reserve, AllocatorConfig.DefaultLockDeadlineHours, Origin.Synthetic("governance/allocator.yaml"));
}
