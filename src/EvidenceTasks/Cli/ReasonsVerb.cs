using System.CommandLine;
using System.Text;
using EvidenceTasks.Core;

namespace EvidenceTasks.Cli;

/// <summary><c>reasons</c>: prints the closed block-reason registry; <c>--format markdown</c> is docs/block-reasons.md, byte for byte.</summary>
public static class ReasonsVerb
{
    public static Command Build(CliContext ctx)
    {
        var format = CommonOptions.Format("text", "markdown");
        var command = new Command("reasons", "List every block reason the gate can report, with its meaning and fix.") { format };
        command.SetAction(parse =>
        {
            ctx.Out.Write(parse.GetValue(format) == "markdown" ? Markdown() : Text());
            return ExitCodes.Clean;
        });
        return command;
    }

    public static string Text()
    {
        var sb = new StringBuilder();
        foreach (var r in BlockReason.All)
            sb.Append(r.Id).Append(r.DefaultSeverity == Severity.Warning ? " (warning)" : string.Empty).Append('\n')
              .Append("  meaning: ").Append(r.Meaning).Append('\n')
              .Append("  fix:     ").Append(r.Fix).Append('\n');
        return sb.ToString();
    }

    public static string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append("# Block reasons\n\n")
          .Append("Every finding the publish gate reports names one of these ids (the Lesson 171 allow-list as extended by\n")
          .Append("Lessons 173, 182 and 186, plus the file-level reasons). A finding is printed as\n\n")
          .Append("```\npath:line:column: error <reason>: <message> (fix: <hint>)\n```\n\n")
          .Append("and in `--format json` as `{ \"reason\", \"severity\", \"path\", \"line\", \"column\", \"message\", \"fix\" }`.\n")
          .Append("Errors block (exit 1); warnings are reported and do not block. The order below is the order of importance\n")
          .Append("used when findings are listed (GitHub shows only the first annotations of a step).\n\n")
          .Append("This file is generated: `dotnet run --project src/EvidenceTasks -- reasons --format markdown > docs/block-reasons.md`;\n")
          .Append("a test fails when it and the registry in `src/EvidenceTasks/Core/BlockReason.cs` drift apart.\n");
        foreach (var r in BlockReason.All)
        {
            sb.Append("\n## `").Append(r.Id).Append("`\n\n");
            if (r.DefaultSeverity == Severity.Warning) sb.Append("Severity: warning (does not block).\n\n");
            sb.Append(r.Meaning).Append("\n\n**Fix:** ").Append(r.Fix).Append('\n');
        }
        return sb.ToString();
    }
}
