using System.CommandLine;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Trends;
using EvidenceTasks.IO;

namespace EvidenceTasks.Cli;

/// <summary><c>board</c>: the Lesson 173 recurrence trend board at an as_of, with its snapshot hash.</summary>
public static class BoardVerb
{
    public static Command Build(CliContext ctx)
    {
        var root = CommonOptions.Root();
        var asOf = CommonOptions.AsOf();
        var format = CommonOptions.Format("text", "json", "markdown");
        var command = new Command("board", "Print the recurrence trend board (scored logs, 12-window lookback, classification) and its trend_board_snapshot_hash.")
        {
            root, asOf, format,
        };
        command.SetAction(parse =>
        {
            var dir = CommonOptions.ResolveRoot(ctx, parse.GetValue(root));
            var instant = CommonOptions.ResolveAsOf(ctx, parse.GetValue(asOf));
            if (DerivedEvidence.Load(ctx, dir, "board") is not { } evidence) return ExitCodes.Blocked;
            var board = TrendBoard.Compute(evidence, instant);
            ctx.Out.Write(parse.GetValue(format) switch
            {
                "json" => EvidenceJson.Write(Json(board)),
                "markdown" => Markdown(board),
                _ => Text(board),
            });
            return ExitCodes.Clean;
        });
        return command;
    }

    public static JsonObject Json(TrendBoard board) => new()
    {
        ["as_of"] = Timestamps.Format(board.AsOf),
        ["trend_board_snapshot_hash"] = board.SnapshotHash,
        ["lookback_cert_windows"] = new JsonArray(board.LookbackWindows.Select(w => (JsonNode)JsonValue.Create(w)).ToArray()),
        ["rows"] = new JsonArray(board.Rows.Select(r => (JsonNode)r.ToJson()).ToArray()),
    };

    public static string Heading(TrendBoard board) =>
        $"trend board at as_of {Timestamps.Format(board.AsOf)}: {board.Rows.Length} row(s) over {board.LookbackWindows.Length} cert window(s)" +
        (board.LookbackWindows.IsEmpty ? string.Empty : $" ({string.Join(", ", board.LookbackWindows)})");

    public static string Text(TrendBoard board) =>
        Heading(board) + "\n" +
        $"trend_board_snapshot_hash: {board.SnapshotHash}\n" +
        (board.Rows.IsEmpty ? "no deficiency events in the lookback\n" : "\n" + TextTable.Render(TrendBoardFormat.Columns, board.Rows.Select(TrendBoardFormat.Cells)));

    public static string Markdown(TrendBoard board) =>
        $"## Trend board at {Timestamps.Format(board.AsOf)}\n\n" +
        $"Lookback cert windows: {(board.LookbackWindows.IsEmpty ? "none" : string.Join(", ", board.LookbackWindows.Select(w => $"`{w}`")))}\n\n" +
        $"`trend_board_snapshot_hash`: `{board.SnapshotHash}`\n\n" +
        string.Concat(TrendBoardFormat.MarkdownTable(board.Rows).Select(l => l + "\n"));
}
