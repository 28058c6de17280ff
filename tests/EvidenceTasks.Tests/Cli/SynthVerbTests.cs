using EvidenceTasks.Cli;
using EvidenceTasks.Core.Synthesis;
using EvidenceTasks.Tests.Support;
using LibGit2Sharp;

namespace EvidenceTasks.Tests.Cli;

public class SynthVerbTests
{
    private static readonly string[] Small = ["--windows", "3", "--slots-per-window", "4", "--receipts", "10", "--deficiencies", "45"];

    private static string AsOfOf(CliRunner.CliRun run) => run.Out.Trim().Split(' ')[^1];

    [Fact]
    public void Given_a_small_size_When_synthesised_Then_the_folder_passes_the_gate_at_the_printed_as_of()
    {
        using var repo = new TempEvidenceRepo();
        var run = CliRunner.Run(repo.Root, ["synth", "--out", "corpus", "--seed", "3", .. Small]);
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        // rubric, allocator, cert windows, 70 carve-outs; per window: week, slots, 4 ICS holds, manifest; 10 receipts + 10 logs; 45 tickets
        Assert.StartsWith("synth: wrote 159 evidence files", run.Out, StringComparison.Ordinal);
        Assert.Contains($"as_of: {AsOfOf(run)}", repo.Read("corpus/README.md"), StringComparison.Ordinal);

        var gate = CliRunner.Run(repo.Root, "gate", "--root", "corpus", "--as-of", AsOfOf(run));
        Assert.Equal(ExitCodes.Clean, gate.ExitCode);
        Assert.Equal($"gate: clean at as_of {AsOfOf(run)} over 159 files: nothing blocks", gate.Out.Trim());
    }

    [Fact]
    public void Given_the_same_seed_When_synthesised_twice_Then_the_files_are_byte_identical_and_another_seed_differs()
    {
        using var repo = new TempEvidenceRepo();
        CliRunner.Run(repo.Root, ["synth", "--out", "a", "--seed", "5", .. Small]);
        CliRunner.Run(repo.Root, ["synth", "--out", "b", "--seed", "5", .. Small]);
        CliRunner.Run(repo.Root, ["synth", "--out", "c", "--seed", "6", .. Small]);
        var files = Directory.GetFiles(repo.PathOf("a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(repo.PathOf("a"), f)).Order().ToList();
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(repo.PathOf("a"), f)), File.ReadAllBytes(Path.Combine(repo.PathOf("b"), f))));
        Assert.Contains(files, f => !File.ReadAllBytes(Path.Combine(repo.PathOf("a"), f)).SequenceEqual(File.ReadAllBytes(Path.Combine(repo.PathOf("c"), f))));
    }

    [Fact]
    public void Given_commits_When_synthesised_Then_a_clean_git_history_of_that_many_commits_passes_the_gate_and_replay()
    {
        using var repo = new TempEvidenceRepo();
        var run = CliRunner.Run(repo.Root, ["synth", "--out", "corpus", "--commits", "12", .. Small]);
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        using (var git = new Repository(repo.PathOf("corpus")))
        {
            Assert.Equal(12, git.Commits.Count());
            Assert.Equal("synth: commit 12 of 12 (14 files)", git.Head.Tip.MessageShort);
            Assert.Equal(new DateTimeOffset(2019, 1, 7, 0, 11, 0, TimeSpan.Zero), git.Head.Tip.Author.When);
            Assert.DoesNotContain(git.RetrieveStatus(), e => e.FilePath != "README.md");
        }
        Assert.Equal(ExitCodes.Clean, CliRunner.Run(repo.Root, "gate", "--root", "corpus", "--as-of", AsOfOf(run)).ExitCode);
        var replay = CliRunner.Run(repo.Root, "replay", "--root", "corpus");
        Assert.Equal(ExitCodes.Clean, replay.ExitCode);
        Assert.EndsWith("13 passed, 0 failed", replay.Out.Trim(), StringComparison.Ordinal); // 10 receipts + 3 manifests
    }

    [Fact]
    public void Given_a_non_empty_output_folder_When_synthesised_Then_it_refuses_with_a_usage_error_and_writes_nothing()
    {
        using var repo = new TempEvidenceRepo();
        repo.Write("corpus/keep.txt", "mine");
        var run = CliRunner.Run(repo.Root, ["synth", "--out", "corpus", .. Small]);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("exists and is not empty", run.Error, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(repo.PathOf("corpus"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(2, 3, 7, 0, "--receipts must be 0..6")]
    [InlineData(2, 3, 0, 5, "--deficiencies needs at least one receipt")]
    [InlineData(2, 61, 1, 0, "--slots-per-window must be 1..60")]
    public void Given_sizes_that_cannot_be_valid_When_checked_Then_the_problem_names_the_option(int windows, int slots, int receipts, int deficiencies, string expected)
    {
        var problem = new SynthSize(1, windows, slots, receipts, deficiencies).Problem();
        Assert.NotNull(problem);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }
}
