using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EvidenceTasks.Core;

namespace EvidenceTasks.IO.Reporting;

public enum ReportFormat
{
    Text,
    Json,
    Github,
    Markdown,
}

/// <summary>
/// The one formatter every gate message goes through, so a finding reads the same in a terminal, a pull request
/// annotation, a job summary and a machine-readable report.
/// </summary>
public static class GateReport
{
    /// <summary>GitHub shows about ten annotations per step; the rest stay in the job summary.</summary>
    public const int MaxAnnotations = 10;

    public static string Line(Finding f) =>
        $"{f.Location.Path}:{f.Location.Line}:{f.Location.Column}: {SeverityWord(f.Severity)} {f.Reason.Id}: {f.Message} (fix: {f.Fix})";

    public static string SeverityWord(Severity s) => s == Severity.Error ? "error" : "warning";

    public static string Summary(GateResult result, string verb = "gate")
    {
        var head = $"{verb}: {(result.Blocked ? "blocked" : "clean")} at as_of {Timestamps.Format(result.AsOf)} over {Count(result.FilesChecked, "file")}";
        if (!result.Blocked)
            return result.WarningCount == 0 ? $"{head}: nothing blocks" : $"{head}: nothing blocks, {Count(result.WarningCount, "warning")}";
        return $"{head}: {Count(result.ErrorCount, "error")}, {Count(result.WarningCount, "warning")}";
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? string.Empty : "s")}";

    public static void Write(TextWriter output, GateResult result, ReportFormat format, string verb = "gate")
    {
        switch (format)
        {
            case ReportFormat.Text:
                foreach (var f in result.Findings) output.WriteLine(Line(f));
                output.WriteLine(Summary(result, verb));
                break;
            case ReportFormat.Json:
                output.Write(Json(result));
                break;
            case ReportFormat.Github:
                WriteGithub(output, result, verb);
                break;
            case ReportFormat.Markdown:
                output.Write(Markdown(result, verb));
                break;
        }
    }

    public static string Json(GateResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("as_of", Timestamps.Format(result.AsOf));
            w.WriteBoolean("blocked", result.Blocked);
            w.WriteNumber("files_checked", result.FilesChecked);
            w.WriteStartArray("findings");
            foreach (var f in result.Findings)
            {
                w.WriteStartObject();
                w.WriteString("reason", f.Reason.Id);
                w.WriteString("severity", SeverityWord(f.Severity));
                w.WriteString("path", f.Location.Path);
                w.WriteNumber("line", f.Location.Line);
                w.WriteNumber("column", f.Location.Column);
                w.WriteString("message", f.Message);
                w.WriteString("fix", f.Fix);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Workflow commands (https://docs.github.com/actions/reference/workflow-commands): most important first, then the plain lines.</summary>
    private static void WriteGithub(TextWriter output, GateResult result, string verb)
    {
        foreach (var f in result.Findings.Take(MaxAnnotations))
        {
            var level = f.Severity == Severity.Error ? "error" : "warning";
            output.WriteLine($"::{level} file={Property(f.Location.Path)},line={f.Location.Line},col={f.Location.Column},title={Property(f.Reason.Id)}::{Data($"{f.Message} (fix: {f.Fix})")}");
        }
        if (result.Findings.Length > MaxAnnotations)
            output.WriteLine($"::notice title=more findings::{Data($"{result.Findings.Length - MaxAnnotations} more findings are listed below and in the job summary")}");
        foreach (var f in result.Findings) output.WriteLine(Line(f));
        output.WriteLine(Summary(result, verb));
    }

    private static string Data(string s) => s.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string s) => Data(s).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>The job summary / markdown report: a verdict line and a table of every finding.</summary>
    public static string Markdown(GateResult result, string verb = "gate")
    {
        var sb = new StringBuilder();
        sb.Append("## Evidence ").Append(verb).Append(": ").Append(result.Blocked ? "blocked" : "clean").Append('\n').Append('\n');
        sb.Append(Summary(result, verb)).Append('\n');
        if (result.Findings.Length == 0) return sb.ToString();
        sb.Append('\n').Append("| | Reason | Where | Message | Fix |\n|---|---|---|---|---|\n");
        foreach (var f in result.Findings)
        {
            sb.Append("| ").Append(f.Severity == Severity.Error ? "error" : "warning")
              .Append(" | `").Append(f.Reason.Id)
              .Append("` | `").Append(Cell(f.Location.ToString()))
              .Append("` | ").Append(Cell(f.Message))
              .Append(" | ").Append(Cell(f.Fix)).Append(" |\n");
        }
        return sb.ToString();
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
