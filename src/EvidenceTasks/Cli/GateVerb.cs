using System.CommandLine;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.IO.Reporting;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>gate</c>: the publish gate over a whole repository; <c>validate</c>: only the file-level and schema checks
/// (what a scribe runs before pushing). Both report every finding at once.
/// </summary>
public static class GateVerb
{
    public static Command Gate(CliContext ctx) => Build(ctx, "gate",
        "Publish gate: load every evidence file, run every rule, report every finding (exit 1 when something blocks).", GateRules.All);

    public static Command Validate(CliContext ctx) => Build(ctx, "validate",
        "Check files only: layout, strict YAML/JSON, ids and JSON Schemas (exit 1 on any error).", []);

    private static Command Build(CliContext ctx, string name, string description, IReadOnlyList<IGateRule> rules)
    {
        var root = CommonOptions.Root();
        var asOf = CommonOptions.AsOf();
        var format = CommonOptions.Format("text", "json", "github", "markdown");
        var command = new Command(name, description) { root, asOf, format };
        command.SetAction(parse =>
        {
            var dir = CommonOptions.ResolveRoot(ctx, parse.GetValue(root));
            var instant = CommonOptions.ResolveAsOf(ctx, parse.GetValue(asOf));
            var fmt = CommonOptions.ResolveFormat(ctx, parse.GetValue(format));
            if (!EvidenceLoader.LooksLikeEvidence(dir))
                throw new UsageException($"no evidence under '{dir}': expected governance/, roster/ or evidence/ (pass --root DIR)");
            var loaded = EvidenceLoader.Default.Load(dir);
            var result = EvidenceTasks.Core.Gate.Evaluate(loaded.Evidence, loaded.Findings, instant, rules) with { FilesChecked = loaded.FileCount };
            GateReport.Write(ctx.Out, result, fmt, name);
            if (ctx.Environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } summaryPath)
                File.AppendAllText(summaryPath, GateReport.Markdown(result, name) + "\n");
            return result.Blocked ? ExitCodes.Blocked : ExitCodes.Clean;
        });
        return command;
    }
}
