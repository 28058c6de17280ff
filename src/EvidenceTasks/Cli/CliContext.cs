using EvidenceTasks.Core;
using NodaTime;

namespace EvidenceTasks.Cli;

/// <summary>Everything a verb may touch outside its arguments; tests pass their own writers, clock and environment.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, IClock Clock, Func<string, string?> Environment, string WorkingDirectory)
{
    public static CliContext FromProcess() =>
        new(Console.Out, Console.Error, SystemClock.Instance, System.Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory())
        {
            ErrorIsTerminal = !Console.IsErrorRedirected,
        };

    /// <summary>True when <see cref="Error"/> is an interactive terminal (progress bars are drawn only there).</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>True under a CI system (GitHub Actions and most others set <c>CI</c>).</summary>
    public bool InCi => InGithubActions || Environment("CI") is { Length: > 0 } ci && !string.Equals(ci, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The clock is read only here, to choose a default as_of, which every output then records.</summary>
    public Instant DefaultAsOf() => Timestamps.TruncateToSeconds(Clock.GetCurrentInstant());

    public bool InGithubActions => Environment("GITHUB_ACTIONS") == "true";
}

/// <summary>A usage error found after parsing (a value the parser accepted but the verb cannot use).</summary>
public sealed class UsageException(string message) : Exception(message);
