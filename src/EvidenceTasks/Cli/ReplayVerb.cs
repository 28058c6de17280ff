using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EvidenceTasks.Core;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.History;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.IO.Reporting;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>replay</c>: for partners. Walks the history and, at every commit, recomputes every recorded hash with the gate's own
/// recorded-hash rules; reports per artifact the commit that introduced it and whether it still verifies at every later
/// commit, ending with exactly <c>N passed, N failed</c>.
/// </summary>
public static class ReplayVerb
{
    public static Command Build(CliContext ctx)
    {
        var root = CommonOptions.Root();
        var from = new Option<string?>("--from") { Description = "First commit to replay (inclusive); default: the root commit.", HelpName = "REV" };
        var to = new Option<string?>("--to") { Description = "Last commit to replay; default: HEAD.", HelpName = "REV" };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("replay", "Partner replay: recompute every recorded hash at every commit; exit 1 when an artifact fails to verify anywhere.")
        {
            root, from, to, format,
        };
        command.SetAction(parse =>
        {
            var dir = CommonOptions.ResolveRoot(ctx, parse.GetValue(root));
            using var history = GitEvidenceHistory.Open(dir)
                ?? throw new UsageException($"replay needs a git repository, but '{dir}' is not the working tree of one (clone the evidence repository and run replay there)");
            if (history.IsShallow)
                throw new UsageException($"replay needs the full history, but '{dir}' is a shallow clone: run `git fetch --unshallow` (or clone without --depth; in GitHub Actions, checkout with fetch-depth: 0) and replay again");
            var toCommit = parse.GetValue(to) is { } toRev
                ? history.Resolve(toRev) ?? throw new UsageException($"--to '{toRev}' names no commit")
                : history.Head ?? throw new UsageException($"'{dir}' has no commits to replay");
            var fromCommit = parse.GetValue(from) is { } fromRev
                ? history.Resolve(fromRev) ?? throw new UsageException($"--from '{fromRev}' names no commit")
                : null;

            var progress = ctx.ErrorIsTerminal && !ctx.InCi ? (IReplayProgress)new BarProgress(ctx.Error) : new LineProgress(ctx.Error);
            var result = new Replayer(EvidenceLoader.Default).Run(history, toCommit, fromCommit, new LoadCache(), progress);
            if (parse.GetValue(format) == "json")
            {
                ctx.Out.Write(Json(result));
                ctx.Error.WriteLine(result.SummaryLine);
            }
            else
            {
                WriteText(ctx.Out, result);
            }
            return result.Failed > 0 ? ExitCodes.Blocked : ExitCodes.Clean;
        });
        return command;
    }

    public static void WriteText(TextWriter output, ReplayResult result)
    {
        output.WriteLine($"replay: {result.Commits} commits up to {result.To.Short}, {result.DistinctEvidenceTrees} distinct evidence trees, {result.BlobsParsed} blobs parsed");
        foreach (var a in result.Artifacts)
        {
            var introduced = $"introduced in {a.Introduced.Describe()}";
            if (a.FirstFailure is { } f)
                output.WriteLine($"failed {a.Path}: {introduced}; fails at {f.Commit.Describe()}: {GateReport.Line(f.Finding)}");
            else
                output.WriteLine($"passed {a.Path}: {introduced}; verifies at all {a.CommitsPresent} commits that contain it");
        }
        output.WriteLine(result.SummaryLine);
    }

    public static string Json(ReplayResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (result.From is { } from) w.WriteString("from", from.Sha);
            else w.WriteNull("from");
            w.WriteString("to", result.To.Sha);
            w.WriteNumber("commits", result.Commits);
            w.WriteNumber("distinct_evidence_trees", result.DistinctEvidenceTrees);
            w.WriteNumber("blobs_parsed", result.BlobsParsed);
            w.WriteNumber("passed", result.Passed);
            w.WriteNumber("failed", result.Failed);
            w.WriteStartArray("artifacts");
            foreach (var a in result.Artifacts)
            {
                w.WriteStartObject();
                w.WriteString("path", a.Path);
                w.WriteString("status", a.Passed ? "passed" : "failed");
                w.WriteString("introduced_commit", a.Introduced.Sha);
                w.WriteString("introduced_utc", Timestamps.Format(a.Introduced.CommitTime));
                w.WriteNumber("commits_present", a.CommitsPresent);
                w.WriteNumber("commits_verified", a.CommitsVerified);
                if (a.FirstFailure is { } f)
                {
                    w.WriteStartObject("first_failure");
                    w.WriteString("commit", f.Commit.Sha);
                    w.WriteString("commit_utc", Timestamps.Format(f.Commit.CommitTime));
                    w.WriteString("reason", f.Finding.Reason.Id);
                    w.WriteString("path", f.Finding.Location.Path);
                    w.WriteNumber("line", f.Finding.Location.Line);
                    w.WriteNumber("column", f.Finding.Location.Column);
                    w.WriteString("message", f.Finding.Message);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>A progress bar redrawn in place on an interactive terminal.</summary>
    private sealed class BarProgress(TextWriter error) : IReplayProgress
    {
        private const int Width = 30;
        private int _lastFilled = -1;

        public void Report(int done, int total)
        {
            var filled = total == 0 ? Width : done * Width / total;
            if (filled == _lastFilled && done != total) return;
            _lastFilled = filled;
            error.Write($"\rreplay [{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total} commits");
            if (done == total) error.WriteLine();
            error.Flush();
        }
    }

    /// <summary>Plain lines (CI logs, redirected output): one at every tenth of the walk.</summary>
    private sealed class LineProgress(TextWriter error) : IReplayProgress
    {
        private int _lastTenth = -1;

        public void Report(int done, int total)
        {
            var tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth == _lastTenth) return;
            _lastTenth = tenth;
            error.WriteLine($"replay: {done}/{total} commits");
        }
    }
}
