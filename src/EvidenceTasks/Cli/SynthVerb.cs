using System.CommandLine;
using System.Globalization;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Synthesis;
using EvidenceTasks.IO;
using EvidenceTasks.IO.Synthesis;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>synth</c>: writes a valid synthetic evidence repository of a given size, deterministic by seed, for benchmarks
/// (docs/performance.md); optionally as a git history. It passes <c>gate --as-of</c> the instant it prints (also written
/// to the folder's README.md).
/// </summary>
public static class SynthVerb
{
    public static Command Build(CliContext ctx)
    {
        var output = new Option<string>("--out") { Description = "Folder to create (must not exist or be empty).", HelpName = "DIR", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed and sizes give the same bytes.", DefaultValueFactory = _ => 1 };
        var windows = new Option<int>("--windows") { Description = "Cert windows (two weeks each, one handoff week each).", DefaultValueFactory = _ => 200 };
        var slots = new Option<int>("--slots-per-window") { Description = $"Locked slots per window (1..{SyntheticCorpus.MaxSlotsPerWindow}).", DefaultValueFactory = _ => 25 };
        var receipts = new Option<int>("--receipts") { Description = "Completed receipts, each with its scored log (at most windows × slots).", DefaultValueFactory = _ => 5000 };
        var deficiencies = new Option<int>("--deficiencies") { Description = "Deficiency tickets, spread over the logs.", DefaultValueFactory = _ => 80000 };
        var commits = new Option<int?>("--commits") { Description = "Also make the folder a git repository whose history adds the files in this many commits.", HelpName = "C" };
        var command = new Command("synth", "Write a valid synthetic evidence repository for benchmarks, deterministic by seed (optionally a git history).")
        {
            output, seed, windows, slots, receipts, deficiencies, commits,
        };
        command.SetAction(parse =>
        {
            var dir = Path.GetFullPath(parse.GetValue(output)!, ctx.WorkingDirectory);
            if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
                throw new UsageException($"--out '{dir}' exists and is not empty; synth never writes into existing evidence");
            var size = new SynthSize(parse.GetValue(seed), parse.GetValue(windows), parse.GetValue(slots), parse.GetValue(receipts), parse.GetValue(deficiencies));
            if (size.Problem() is { } problem) throw new UsageException(problem);
            var commitCount = parse.GetValue(commits);
            if (commitCount is < 1) throw new UsageException("--commits must be at least 1");

            var corpus = SyntheticCorpus.Generate(size);
            if (commitCount is { } c && c > corpus.Files.Length)
                throw new UsageException($"--commits {c} is more than the {corpus.Files.Length} files to commit");
            Directory.CreateDirectory(dir);
            SynthWriter.WriteFolder(dir, corpus);
            var asOf = Timestamps.Format(corpus.AsOf);
            AtomicFile.CreateNew(Path.Combine(dir, "README.md"), Readme(size, corpus, commitCount));
            var head = commitCount is { } n ? SynthWriter.WriteGitHistory(dir, corpus, n) : null;
            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"synth: wrote {corpus.Files.Length} evidence files to {dir}{(head is null ? string.Empty : $" in {commitCount} commits (HEAD {head[..12]})")}; gate it with --as-of {asOf}"));
            return ExitCodes.Clean;
        });
        return command;
    }

    private static string Readme(SynthSize size, SynthCorpus corpus, int? commits) => string.Create(CultureInfo.InvariantCulture, $"""
        # Synthetic evidence repository

        Written by `evidence-tasks synth --seed {size.Seed} --windows {size.Windows} --slots-per-window {size.SlotsPerWindow} --receipts {size.Receipts} --deficiencies {size.Deficiencies}{(commits is { } c ? $" --commits {c}" : string.Empty)}`:
        {corpus.Files.Length} evidence files. It passes the gate at

            as_of: {Timestamps.Format(corpus.AsOf)}

        (`evidence-tasks gate --root . --as-of {Timestamps.Format(corpus.AsOf)}`). All its windows are closed at that instant.
        Benchmark data only; see docs/performance.md of EvidenceTasks.

        """);
}
