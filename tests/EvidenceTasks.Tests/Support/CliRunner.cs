using EvidenceTasks.Cli;
using NodaTime;

namespace EvidenceTasks.Tests.Support;

/// <summary>Runs the real command line in-process with captured output, a fixed clock and a chosen environment.</summary>
public static class CliRunner
{
    public static readonly Instant FixedNow = Instant.FromUtc(2026, 11, 23, 12, 0, 0);

    public sealed record CliRun(int ExitCode, string Out, string Error)
    {
        public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static CliRun Run(string workingDirectory, params string[] args) => Run(workingDirectory, new Dictionary<string, string>(), args);

    public static CliRun Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var ctx = new CliContext(output, error, new FakeClock(FixedNow), name => environment.GetValueOrDefault(name), workingDirectory);
        var code = EvidenceCli.Run(args, ctx);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private sealed class FakeClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
