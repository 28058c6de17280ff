using System.Text.Json.Nodes;

namespace EvidenceTasks.Tests.Support;

/// <summary>One finding of a <c>gate --format json</c> report.</summary>
public sealed record GateRow(string Reason, string Severity, string Path, int Line, string Message);

public static class GateJson
{
    /// <summary>The findings of a <c>--format json</c> run, failing the test unless the gate ran (exit 0 or 1).</summary>
    public static List<GateRow> Findings(CliRunner.CliRun run)
    {
        Assert.True(run.ExitCode is 0 or 1, run.Error);
        return JsonNode.Parse(run.Out)!["findings"]!.AsArray()
            .Select(f => new GateRow(f!["reason"]!.GetValue<string>(), f["severity"]!.GetValue<string>(), f["path"]!.GetValue<string>(), f["line"]!.GetValue<int>(), f["message"]!.GetValue<string>()))
            .ToList();
    }
}
