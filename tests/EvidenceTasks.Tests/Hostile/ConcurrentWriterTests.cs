using System.Diagnostics;
using EvidenceTasks.Cli;
using EvidenceTasks.Core;
using EvidenceTasks.Tests.Support;
using Xunit.Abstractions;

namespace EvidenceTasks.Tests.Hostile;

/// <summary>
/// Two writers at once (in-process threads and two OS processes running the built CLI) leave consistent files: the
/// output exists once with the bytes a single run writes, no temp file is left, and the gate is clean. A process killed
/// with SIGKILL at random moments while it rewrites a file leaves the old bytes or the new ones, never a torn file.
/// (bootstrap's races are in BootstrapVerbTests.)
/// </summary>
public class ConcurrentWriterTests(ITestOutputHelper output)
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "EvidenceTasks.dll");

    /// <summary>A generated file of the bundled evidence, deleted before the race so both writers try to create it.</summary>
    public sealed record Writer(string Name, string[] Deleted, string Output, string[] Args);

    public static TheoryData<string> Writers => new(["ics", "manifest", "allocate"]);

    private static Writer Of(string name) => name switch
    {
        "ics" => new Writer(name, ["evidence/ics/q1_2027_meta/us_t14_2027_01_14.ics"], "evidence/ics/q1_2027_meta/us_t14_2027_01_14.ics", ["ics"]),
        "manifest" => new Writer(name, ["evidence/manifests/q1_2027_meta_w02.json"], "evidence/manifests/q1_2027_meta_w02.json", ["manifest"]),
        // The bundled budget re-cut with the parameters it was cut with (generated_dt_utc = as_of), its readback removed.
        "allocate" => new Writer(name, ["evidence/sprint-budgets/2026-Q4-S06.json", "evidence/readbacks/2026-Q4-S06.md"], "evidence/sprint-budgets/2026-Q4-S06.json",
            ["allocate", "--sprint", "2026-Q4-S06", "--approved-by", "governance_owner", "--as-of", "2026-11-23T00:00:00Z"]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static void AssertConsistent(TempEvidenceRepo repo, Writer w, byte[] expected)
    {
        Assert.Equal(expected, File.ReadAllBytes(repo.PathOf(w.Output)));
        Assert.Empty(Directory.EnumerateFiles(repo.Root, "*.tmp", SearchOption.AllDirectories));
        var blocks = RuleHarness.GateErrors(repo);
        Assert.True(blocks.IsEmpty, string.Join("\n", blocks));
    }

    private static (TempEvidenceRepo Repo, byte[] Expected) Prepared(Writer w)
    {
        var repo = TempEvidenceRepo.WithBundledEvidence();
        var expected = File.ReadAllBytes(repo.PathOf(w.Output));
        foreach (var d in w.Deleted) repo.Delete(d);
        return (repo, expected);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Given_two_threads_When_they_run_the_same_writer_at_once_Then_one_consistent_file_and_a_clean_gate(string name)
    {
        var w = Of(name);
        var (repo, expected) = Prepared(w);
        using var _ = repo;
        using var barrier = new Barrier(2);
        var runs = new CliRunner.CliRun[2];
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            barrier.SignalAndWait();
            runs[i] = CliRunner.Run(repo.Root, [.. w.Args, "--root", repo.Root]);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.All(runs, r => Assert.True(r.ExitCode is ExitCodes.Clean or ExitCodes.Blocked, r.Error));
        Assert.Contains(runs, r => r.ExitCode == ExitCodes.Clean);
        Assert.All(runs, r => Assert.DoesNotContain("internal error", r.Error, StringComparison.Ordinal));
        AssertConsistent(repo, w, expected);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Given_two_processes_When_they_run_the_same_writer_at_once_Then_one_consistent_file_and_a_clean_gate(string name)
    {
        var w = Of(name);
        var (repo, expected) = Prepared(w);
        using var _ = repo;
        var processes = Enumerable.Range(0, 2).Select(_ => Start([.. w.Args, "--root", repo.Root])).ToList();
        var errors = processes.Select(p => p.StandardError.ReadToEndAsync()).ToList();
        processes.ForEach(p => p.StandardOutput.ReadToEnd());
        processes.ForEach(p => Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2))));
        Assert.All(processes, p => Assert.True(p.ExitCode is ExitCodes.Clean or ExitCodes.Blocked));
        Assert.Contains(processes, p => p.ExitCode == ExitCodes.Clean);
        Assert.All(errors, e => Assert.DoesNotContain("internal error", e.Result, StringComparison.Ordinal));
        processes.ForEach(p => p.Dispose());
        AssertConsistent(repo, w, expected);
    }

    private static Process Start(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    /// <summary>
    /// The real CLI rewrites a manifest (its committed bytes replaced by a reformatted copy, so every run writes), and is
    /// killed with SIGKILL after a random delay spread over its whole run time. Each time the file is the old bytes or
    /// the new ones, and the gate has no parse_error. A temp file a killed writer leaves behind is reported by the gate
    /// as file_rejected (never read as evidence) and removed here. EVIDENCE_KILL_ITER runs longer.
    /// </summary>
    [Fact]
    public void Given_a_writer_killed_at_random_moments_When_the_file_is_read_Then_old_or_new_never_torn()
    {
        if (OperatingSystem.IsWindows()) return; // SIGKILL semantics: POSIX
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("EVIDENCE_KILL_ITER"), out var n) ? n : 5;
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        const string path = "evidence/manifests/q1_2027_meta_w02.json";
        var newBytes = File.ReadAllBytes(repo.PathOf(path));
        var oldBytes = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(newBytes)!.ToJsonString() + "\n"); // same value, other bytes

        // How long one full run takes here, so the kills land before, during and after the write.
        repo.WriteBytes(path, oldBytes);
        var clock = Stopwatch.StartNew();
        using (var full = Start(["manifest", "--root", repo.Root, "--week", "q1_2027_meta_w02"]))
        {
            full.StandardOutput.ReadToEnd();
            Assert.True(full.WaitForExit(TimeSpan.FromMinutes(2)));
            Assert.Equal(ExitCodes.Clean, full.ExitCode);
        }
        var span = (int)Math.Min(clock.ElapsedMilliseconds * 1.2, 20_000);
        Assert.Equal(newBytes, File.ReadAllBytes(repo.PathOf(path)));

        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("EVIDENCE_FUZZ_SEED"), out var seed) ? seed : 8);
        int sawOld = 0, sawNew = 0, leftovers = 0;
        for (var i = 0; i < iterations; i++)
        {
            repo.WriteBytes(path, oldBytes);
            using var p = Start(["manifest", "--root", repo.Root, "--week", "q1_2027_meta_w02"]);
            var done = p.WaitForExit(random.Next(span / 2, span * 11 / 10));
            if (!done) p.Kill(entireProcessTree: true); // SIGKILL on Linux
            p.WaitForExit();
            var now = File.ReadAllBytes(repo.PathOf(path));
            if (now.AsSpan().SequenceEqual(oldBytes)) sawOld++;
            else if (now.AsSpan().SequenceEqual(newBytes)) sawNew++;
            else Assert.Fail($"run {i}: {path} is torn ({now.Length} bytes)");

            var temps = Directory.EnumerateFiles(repo.PathOf("evidence/manifests"), "*.tmp").ToList();
            var findings = EvidenceTasks.IO.Loading.EvidenceLoader.Default.Load(repo.Root).Findings;
            Assert.DoesNotContain(findings, f => f.Reason == BlockReason.ParseError);
            foreach (var t in temps)
            {
                Assert.Contains(findings, f => f.Reason == BlockReason.FileRejected && f.Location.Path.EndsWith(Path.GetFileName(t), StringComparison.Ordinal));
                File.Delete(t);
                leftovers++;
            }
        }
        Assert.Empty(RuleHarness.GateErrors(repo));
        var line = $"kill -9: {iterations} runs killed at random moments, {sawOld} left the old file, {sawNew} the new one, 0 torn ({leftovers} temp files left behind, each reported as file_rejected)";
        FuzzHarness.Report(output, line);
    }
}
