using EvidenceTasks.IO.Git;
using EvidenceTasks.Tests.Support;
using LibGit2Sharp;

namespace EvidenceTasks.Tests.History;

/// <summary>
/// Reading git's index file directly must give exactly what libgit2 lists (stage-0 regular files and their blob ids) for
/// every index version git writes, and nothing at all for an index it does not fully hold (split) or a damaged file.
/// </summary>
public class GitIndexFileTests
{
    private static string IndexPath(GitScenario s) => Path.Combine(s.Root, ".git", "index");

    private static List<(string Path, string Blob)> Libgit2(GitScenario s)
    {
        using var repo = new Repository(s.Root);
        return GitEvidenceHistory.RegularFilesOf(repo.Index);
    }

    private static void Git(GitScenario s, params string[] args) =>
        GitScenario.Git(s.Root, ["-c", "user.name=Scribe", "-c", "user.email=scribe@studio.example", .. args]);

    /// <summary>The samples plus an executable, a symlink, a name beyond ASCII and a file outside the roots, committed.</summary>
    private static GitScenario Varied()
    {
        var s = GitScenario.WithSamples();
        s.Files.Write("evidence/carve-outs/co-é.yaml", "x: 1\n").Write("notes.md", "outside the roots\n").Write("evidence/run.sh", "#!/bin/sh\n");
        File.CreateSymbolicLink(Path.Combine(s.Root, "evidence/link.yaml"), "../notes.md");
        Git(s, "add", "--all");
        Git(s, "update-index", "--chmod=+x", "evidence/run.sh");
        Git(s, "commit", "-qm", "varied");
        return s;
    }

    [Theory]
    [InlineData("2")]
    [InlineData("3")]
    [InlineData("4")]
    public void Given_each_index_version_When_read_Then_the_entries_libgit2_lists(string version)
    {
        using var s = Varied();
        Git(s, "update-index", "--index-version", version);

        var read = GitIndexFile.RegularFiles(IndexPath(s));

        Assert.NotNull(read);
        Assert.Equal(Libgit2(s), read);
        Assert.Contains(read, e => e.Path == "evidence/carve-outs/co-é.yaml");
        Assert.Contains(read, e => e.Path == "evidence/run.sh");
        Assert.DoesNotContain(read, e => e.Path == "evidence/link.yaml");
    }

    [Fact]
    public void Given_intent_to_add_and_a_conflict_When_read_Then_only_what_libgit2_lists_at_stage_0()
    {
        using var s = Varied();
        Git(s, "checkout", "-qb", "side");
        s.Files.Write("evidence/carve-outs/co-é.yaml", "x: side\n");
        Git(s, "commit", "-qam", "side");
        Git(s, "checkout", "-q", "-");
        s.Files.Write("evidence/carve-outs/co-é.yaml", "x: main\n");
        Git(s, "commit", "-qam", "main");
        Assert.Throws<InvalidOperationException>(() => Git(s, "merge", "-q", "side")); // conflicts: stages 1 to 3
        s.Files.Write("evidence/carve-outs/co-new.yaml", "x: 2\n");
        Git(s, "add", "-N", "evidence/carve-outs/co-new.yaml"); // an extended entry (version 3)

        var read = GitIndexFile.RegularFiles(IndexPath(s));

        Assert.NotNull(read);
        Assert.Equal(Libgit2(s), read);
        Assert.DoesNotContain(read, e => e.Path == "evidence/carve-outs/co-é.yaml");
    }

    [Fact]
    public void Given_a_split_index_When_read_Then_none()
    {
        using var s = Varied();
        Git(s, "update-index", "--split-index");
        Assert.Null(GitIndexFile.RegularFiles(IndexPath(s)));
    }

    [Fact]
    public void Given_a_damaged_index_When_read_Then_none()
    {
        using var s = Varied();
        var bytes = File.ReadAllBytes(IndexPath(s));
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(IndexPath(s), bytes);
        Assert.Null(GitIndexFile.RegularFiles(IndexPath(s)));
        Assert.Null(GitIndexFile.RegularFiles(Path.Combine(s.Root, ".git", "absent")));
    }
}
