using System.CommandLine;
using EvidenceTasks.Core;
using EvidenceTasks.IO.Reporting;
using NodaTime;
using NodaTime.Text;

namespace EvidenceTasks.Cli;

/// <summary>Options every verb shares, parsed one way.</summary>
public static class CommonOptions
{
    public static Option<string?> Root() => new("--root")
    {
        Description = "Evidence repository (or plain folder) to work on; default: the current directory.",
        HelpName = "DIR",
    };

    public static Option<string?> AsOf() => new("--as-of")
    {
        Description = "Instant every derived view is computed at, UTC: 2027-01-15T01:00:00Z or 2027-01-15 (midnight). Default: now, recorded in every output.",
        HelpName = "ISO",
    };

    public static Option<string?> Format(params string[] allowed)
    {
        var o = new Option<string?>("--format")
        {
            Description = $"Output format: {string.Join(", ", allowed)}.",
            HelpName = "FORMAT",
        };
        o.AcceptOnlyFromAmong(allowed);
        return o;
    }

    public static string ResolveRoot(CliContext ctx, string? root)
    {
        var dir = Path.GetFullPath(root ?? ".", ctx.WorkingDirectory);
        if (!Directory.Exists(dir)) throw new UsageException($"--root '{root}' is not a directory");
        return dir;
    }

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static Instant ResolveAsOf(CliContext ctx, string? text)
    {
        if (text is null) return ctx.DefaultAsOf();
        if (Timestamps.TryParse(text, out var instant)) return instant;
        var date = DatePattern.Parse(text);
        if (date.Success && Timestamps.InRange(date.Value.AtMidnight().InUtc().ToInstant())) return date.Value.AtMidnight().InUtc().ToInstant();
        throw new UsageException($"--as-of '{text}' is not a UTC instant like 2027-01-15T01:00:00Z or a date like 2027-01-15 (years 1900 to 8999)");
    }

    public static ReportFormat ResolveFormat(CliContext ctx, string? text) => text switch
    {
        "text" => ReportFormat.Text,
        "json" => ReportFormat.Json,
        "github" => ReportFormat.Github,
        "markdown" => ReportFormat.Markdown,
        null => ctx.InGithubActions ? ReportFormat.Github : ReportFormat.Text,
        _ => throw new UsageException($"--format '{text}' is not known"),
    };
}
