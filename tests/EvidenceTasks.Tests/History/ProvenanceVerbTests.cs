using System.Text.Json.Nodes;
using EvidenceTasks.Cli;
using EvidenceTasks.Tests.Support;
using LibGit2Sharp;

namespace EvidenceTasks.Tests.History;

public class ProvenanceVerbTests
{
    private static Commit CommitAs(GitScenario s, string message, string name, DateTimeOffset when)
    {
        Commands.Stage(s.Repo, "*");
        var sig = new Signature(name, name.ToLowerInvariant().Replace(' ', '.') + "@studio.example", when);
        return s.Repo.Commit(message, sig, sig, new CommitOptions { AllowEmptyCommit = true });
    }

    [Fact]
    public void Given_a_file_added_changed_and_deleted_When_traced_Then_every_commit_with_author_and_time_in_order()
    {
        using var s = GitScenario.WithSamples();
        var day = new DateTimeOffset(2027, 1, 15, 10, 0, 0, TimeSpan.Zero);
        var added = CommitAs(s, "Add samples", "Eng Alice", day);
        s.Files.Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: major");
        var changed = CommitAs(s, "Reclassify def-1", "Eu Eva", day.AddHours(5));
        s.Files.Write("evidence/carve-outs/co-1.yaml", s.Files.Read("evidence/carve-outs/co-1.yaml") + "# unrelated\n");
        CommitAs(s, "Unrelated change", "Eng Alice", day.AddHours(6));
        s.Files.Delete("evidence/deficiencies/def-1.yaml");
        var deleted = CommitAs(s, "Withdraw def-1 file", "Ceo Bob", day.AddHours(7));

        var run = CliRunner.Run(s.Root, "provenance", "evidence/deficiencies/def-1.yaml");
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Equal(
            [
                "evidence/deficiencies/def-1.yaml",
                $"added    {added.Sha[..12]} 2027-01-15T10:00:00Z Eng Alice <eng.alice@studio.example> Add samples",
                $"modified {changed.Sha[..12]} 2027-01-15T15:00:00Z Eu Eva <eu.eva@studio.example> Reclassify def-1",
                $"deleted  {deleted.Sha[..12]} 2027-01-15T17:00:00Z Ceo Bob <ceo.bob@studio.example> Withdraw def-1 file",
            ],
            run.OutLines);

        var json = JsonNode.Parse(CliRunner.Run(s.Root, "provenance", "evidence/deficiencies/def-1.yaml", "--format", "json").Out)!;
        var changes = json["changes"]!.AsArray();
        Assert.Equal(["added", "modified", "deleted"], changes.Select(c => c!["change"]!.GetValue<string>()));
        Assert.Equal(changed.Sha, changes[1]!["commit"]!.GetValue<string>());
        Assert.Equal(s.Repo.Lookup<Commit>(changed.Sha)["evidence/deficiencies/def-1.yaml"].Target.Sha, changes[1]!["blob"]!.GetValue<string>());
    }

    [Fact]
    public void Given_a_branch_merged_back_When_traced_Then_the_merge_is_not_a_change()
    {
        using var s = GitScenario.WithSamples();
        var day = new DateTimeOffset(2027, 1, 15, 10, 0, 0, TimeSpan.Zero);
        var root = CommitAs(s, "Add samples", "Eng Alice", day);
        var branch = s.Repo.CreateBranch("scribe");
        Commands.Checkout(s.Repo, branch);
        s.Files.Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: major");
        var onBranch = CommitAs(s, "Reclassify on a branch", "Eu Eva", day.AddHours(1));
        Commands.Checkout(s.Repo, s.Repo.Branches.First(b => !b.IsRemote && b.FriendlyName != "scribe"));
        s.Files.Write("README.md", "main moves on\n");
        CommitAs(s, "Main moves on", "Ceo Bob", day.AddHours(2));
        var sig = new Signature("Ceo Bob", "ceo.bob@studio.example", day.AddHours(3));
        s.Repo.Merge(branch, sig, new MergeOptions { FastForwardStrategy = FastForwardStrategy.NoFastForward });

        var run = CliRunner.Run(s.Root, "provenance", "evidence/deficiencies/def-1.yaml");
        Assert.Equal([root.Sha[..12], onBranch.Sha[..12]], run.OutLines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
    }

    [Fact]
    public void Given_a_path_never_committed_When_traced_Then_exit_1_with_one_line()
    {
        using var s = GitScenario.WithSamples();
        s.Commit("samples");
        var run = CliRunner.Run(s.Root, "provenance", "evidence/deficiencies/def-404.yaml");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.StartsWith("provenance: evidence/deficiencies/def-404.yaml was never committed in the history of HEAD", run.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run(s.Root, "provenance", "src/Program.cs").ExitCode);
    }

    [Fact]
    public void Given_an_absolute_path_inside_the_repository_When_traced_Then_it_is_made_relative()
    {
        using var s = GitScenario.WithSamples();
        s.Commit("samples");
        var run = CliRunner.Run(s.Root, "provenance", s.Files.PathOf(GitScenario.Receipt));
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Equal(GitScenario.Receipt, run.OutLines[0]);
    }
}
