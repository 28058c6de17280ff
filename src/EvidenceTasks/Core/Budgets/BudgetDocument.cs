using System.Collections.Immutable;
using System.Text.Json.Nodes;
using EvidenceTasks.Core.Allocation;
using EvidenceTasks.Core.Trends;
using NodaTime;

namespace EvidenceTasks.Core.Budgets;

/// <summary>The sprint_hardening_budget file (Lesson 173, SPEC.md "Allocator") as the allocate verb writes it.</summary>
public static class BudgetDocument
{
    /// <summary>Lane columns in the seed table's order; the file's members follow it.</summary>
    public static ImmutableArray<string> SeedColumnOrder { get; } =
        ["lesson_167", "lesson_170", "lesson_165", "lesson_171", "lessons_164_166", "lesson_163", HardeningAllocation.Reserved];

    public static string PathFor(string sprintId) => $"evidence/sprint-budgets/{sprintId}.json";

    /// <summary>
    /// The budget's JSON. <c>generated_dt_utc</c> is the as_of, never the clock: the same repository and as_of give the
    /// same bytes. <c>inputs_sha256</c> records the board's input files and the allocator configuration.
    /// </summary>
    public static JsonObject Build(
        string sprintId, Instant asOf, HardeningAllocation allocation, TrendBoard board, string approvedBy, string? varianceNote, EvidenceSet evidence)
    {
        var doc = new JsonObject
        {
            ["sprint_id"] = sprintId,
            ["as_of"] = Timestamps.Format(asOf),
            ["generated_dt_utc"] = Timestamps.Format(asOf),
        };
        var pct = allocation.Percentages;
        foreach (var lane in SeedColumnOrder) doc[lane + "_pct"] = pct.GetValueOrDefault(lane);
        doc["trend_board_snapshot_hash"] = board.SnapshotHash;
        doc["approved_by"] = approvedBy;
        if (!string.IsNullOrWhiteSpace(varianceNote)) doc["variance_note"] = varianceNote;
        var inputs = new JsonObject();
        foreach (var path in InputPaths(board))
            if (evidence.FileSha256.TryGetValue(path, out var sha)) inputs[path] = sha;
        doc["inputs_sha256"] = inputs;
        return doc;
    }

    /// <summary>The files a budget depends on: the board's inputs and governance/allocator.yaml, ordinal order.</summary>
    public static ImmutableArray<string> InputPaths(TrendBoard board)
    {
        var at = board.InputPaths.BinarySearch(BudgetVerification.AllocatorPath, StringComparer.Ordinal);
        return at >= 0 ? board.InputPaths : board.InputPaths.Insert(~at, BudgetVerification.AllocatorPath);
    }
}
