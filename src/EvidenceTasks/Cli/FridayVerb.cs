using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Allocation;
using EvidenceTasks.Core.Budgets;
using EvidenceTasks.Core.Friday;
using EvidenceTasks.Core.Trends;
using EvidenceTasks.IO;

namespace EvidenceTasks.Cli;

/// <summary><c>friday</c>: Friday operating review Block 6 — Recurrence and Hardening: its read-only inputs and its single y/n.</summary>
public static class FridayVerb
{
    public static Command Build(CliContext ctx)
    {
        var root = CommonOptions.Root();
        var asOf = CommonOptions.AsOf();
        var sprint = new Option<string?>("--sprint") { Description = "Compare against this sprint's budget (default: the latest budget cut at or before as_of).", HelpName = "ID" };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("friday", "Friday Block 6: board top ten, current budget, new structural-red rows, and whether this week's closures matched the allocation (y/n).")
        {
            root, asOf, sprint, format,
        };
        command.SetAction(parse =>
        {
            var dir = CommonOptions.ResolveRoot(ctx, parse.GetValue(root));
            var instant = CommonOptions.ResolveAsOf(ctx, parse.GetValue(asOf));
            var sprintId = parse.GetValue(sprint) is { } s ? DerivedEvidence.SprintId(s) : null;
            if (DerivedEvidence.Load(ctx, dir, "friday") is not { } evidence) return ExitCodes.Blocked;
            if (DerivedEvidence.Allocator(ctx, evidence) is not { } config) return ExitCodes.Blocked;
            var budget = sprintId is null ? Block6.CurrentBudget(evidence, instant) : evidence.SprintBudgetsById.GetValueOrDefault(sprintId);
            if (budget is null)
                return DerivedEvidence.Refuse(ctx, Finding.Error(BlockReason.ReferenceBroken,
                    new SourceLocation(sprintId is null ? "evidence/sprint-budgets" : BudgetDocument.PathFor(sprintId), 1, 1),
                    sprintId is null ? $"no sprint budget was cut at or before {Timestamps.Format(instant)}; Block 6 has no allocation to compare with" : $"sprint {sprintId} has no budget",
                    "Cut one with `allocate --sprint <id> --approved-by <role>`."));
            var result = Block6.Evaluate(evidence, config, budget, instant);
            ctx.Out.Write(parse.GetValue(format) == "json" ? EvidenceJson.Write(Json(result)) : Text(result));
            return ExitCodes.Clean;
        });
        return command;
    }

    private static string Pct(Fraction f) => f.Round(2).ToString("0.00", CultureInfo.InvariantCulture);

    public static string Text(Block6Result r)
    {
        var sb = new StringBuilder();
        sb.Append($"Friday Block 6 - Recurrence and Hardening at as_of {Timestamps.Format(r.AsOf)}\n\n");
        sb.Append($"Board top ten ({r.TopTen.Length} of {r.Board.Rows.Length} row(s); trend_board_snapshot_hash {r.Board.SnapshotHash}):\n");
        sb.Append(r.TopTen.IsEmpty ? "  (no rows)\n" : TextTable.Render(TrendBoardFormat.Columns, r.TopTen.Select(TrendBoardFormat.Cells), "  "));
        sb.Append($"\nCurrent sprint budget: {r.Budget.SprintId} (as_of {Timestamps.Format(r.Budget.AsOf)}, approved by {r.Budget.ApprovedBy}): ");
        sb.Append(string.Join(", ", BudgetDocument.SeedColumnOrder.Select(l => $"{l} {r.Budget.LanePct.GetValueOrDefault(l).ToString("0.00", CultureInfo.InvariantCulture)}")));
        sb.Append($"\nNew structural-red rows this week: {r.NewStructuralRed}\n");
        sb.Append($"Deficiencies resolved in ({Timestamps.Format(r.AsOf - Block6.Week)}, {Timestamps.Format(r.AsOf)}]: {r.ResolvedCount}\n\n");
        sb.Append($"Closures vs allocation (tolerance {Block6.TolerancePoints} points):\n");
        sb.Append(TextTable.Render(["lane", "resolved", "resolved %", "allocated %", "difference", "within"],
            r.Lanes.Select(l => (IReadOnlyList<string>)[l.Lane, l.Resolved.ToString(CultureInfo.InvariantCulture), Pct(l.ResolvedShare), Pct(l.AllocatedShare), Pct(l.Difference), l.Within ? "yes" : "no"]), "  "));
        sb.Append($"\nBlock 6 answer: {r.AnswerText} ({r.Explanation})\n");
        return sb.ToString();
    }

    public static JsonObject Json(Block6Result r) => new()
    {
        ["as_of"] = Timestamps.Format(r.AsOf),
        ["trend_board_snapshot_hash"] = r.Board.SnapshotHash,
        ["top_ten"] = new JsonArray(r.TopTen.Select(row => (JsonNode)row.ToJson()).ToArray()),
        ["sprint_id"] = r.Budget.SprintId,
        ["budget"] = new JsonObject(BudgetDocument.SeedColumnOrder.Select(l => KeyValuePair.Create(l + "_pct", (JsonNode?)r.Budget.LanePct.GetValueOrDefault(l)))),
        ["new_structural_red_count"] = r.NewStructuralRed,
        ["resolved_count"] = r.ResolvedCount,
        ["lanes"] = new JsonArray(r.Lanes.Select(l => (JsonNode)new JsonObject
        {
            ["lane"] = l.Lane,
            ["resolved"] = l.Resolved,
            ["resolved_share_pct"] = l.ResolvedShare.Round(2),
            ["allocated_share_pct"] = l.AllocatedShare.Round(2),
            ["difference_pts"] = l.Difference.Round(2),
            ["within_tolerance"] = l.Within,
        }).ToArray()),
        ["answer"] = r.AnswerText,
        ["explanation"] = r.Explanation,
    };
}
