using EvidenceTasks.Cli;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Hostile;

/// <summary>A clone whose git objects are damaged is neither the evidence's fault nor the tool's: one clear line, exit 4.</summary>
public class DamagedRepositoryTests
{
    [Fact]
    public void Given_a_damaged_blob_in_the_history_When_replay_reads_it_Then_one_line_names_the_repository_and_git_fsck()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        string blobId;
        using (var git = repo.InitGit())
        {
            var commit = repo.Commit(git, "evidence");
            blobId = ((LibGit2Sharp.Blob)commit["evidence/attendance"].Target.Peel<LibGit2Sharp.Tree>()!.First(e => e.Name.EndsWith(".json", StringComparison.Ordinal)).Target).Sha;
        }
        var loose = Path.Combine(repo.Root, ".git", "objects", blobId[..2], blobId[2..]);
        File.SetAttributes(loose, FileAttributes.Normal);
        var bytes = File.ReadAllBytes(loose);
        bytes[bytes.Length / 2] ^= 0xFF; // the zlib stream's own check fails on inflating it
        File.WriteAllBytes(loose, bytes);

        var run = CliRunner.Run(repo.Root, "replay");

        Assert.Equal(ExitCodes.RepositoryUnreadable, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("evidence-tasks: git: the repository could not be read: ", line, StringComparison.Ordinal);
        Assert.Contains("git fsck", line, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", line, StringComparison.Ordinal);
    }
}
