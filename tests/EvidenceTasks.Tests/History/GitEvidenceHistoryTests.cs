using EvidenceTasks.Core;
using EvidenceTasks.Core.History;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.History;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;
using LibGit2Sharp;

namespace EvidenceTasks.Tests.History;

/// <summary>The git adapter's tree diff must name exactly the paths whose listed blob differs, as the listings say.</summary>
public class GitEvidenceHistoryTests
{
    [Fact]
    public void Given_edits_additions_deletions_and_odd_entries_When_diffed_Then_the_changes_equal_the_listing_difference()
    {
        using var s = OddHistory(out var first, out var second, out var third);
        using var history = GitEvidenceHistory.Open(s.Root)!;
        var commits = new[] { first, second, third }.Select(c => history.Resolve(c.Sha)!).ToArray();
        Assert.Equal(Expected(history, null, commits[0]), history.Changes(null, commits[0]));
        Assert.Equal(Expected(history, commits[0], commits[1]), history.Changes(commits[0], commits[1]));
        Assert.Equal(Expected(history, commits[1], commits[2]), history.Changes(commits[1], commits[2]));
        Assert.Equal(Expected(history, commits[2], commits[0]), history.Changes(commits[2], commits[0]));

        var changes = history.Changes(commits[0], commits[1]);
        Assert.Equal(["evidence/carve-outs/co-new.yaml", "evidence/deficiencies/def-1.yaml", GitScenario.Manifest], changes.Select(c => c.Path));
        Assert.Null(changes[0].OldBlob);
        Assert.Null(changes[2].NewBlob);
        Assert.Contains(history.Changes(commits[1], commits[2]), c => c.Path == "evidence/carve-outs/co-9.yaml" && c.OldBlob is null);
    }

    [Fact]
    public void Given_an_include_filter_When_diffed_Then_exactly_the_changes_below_the_accepted_entries()
    {
        using var s = OddHistory(out var first, out var second, out var third);
        using var history = GitEvidenceHistory.Open(s.Root)!;
        var commits = new HistoryCommit?[] { null, history.Resolve(first.Sha), history.Resolve(second.Sha), history.Resolve(third.Sha) };
        Func<string, bool>[] filters = [_ => true, top => top == "evidence/carve-outs", top => top.StartsWith("evidence/", StringComparison.Ordinal) && top != "evidence/deficiencies", _ => false];
        foreach (var from in commits)
        {
            foreach (var to in commits.Skip(1))
            {
                foreach (var include in filters)
                {
                    var asked = new List<string>();
                    var changes = history.Changes(from, to!, top => { asked.Add(top); return include(top); });
                    Assert.Equal(history.Changes(from, to!).Where(c => include(EvidencePartLayout.TopOf(c.Path))), changes);
                    Assert.Equal(asked.Count, asked.Distinct().Count()); // each top entry is asked about once
                }
            }
        }
    }

    [Fact]
    public void Given_paths_When_files_are_looked_up_by_path_Then_they_are_the_entries_the_tree_listing_gives_and_read_the_same()
    {
        using var s = OddHistory(out _, out _, out var third);
        using var history = GitEvidenceHistory.Open(s.Root)!;
        var commit = history.Resolve(third.Sha)!;
        var listed = history.TreeOf(commit).Enumerate(new List<Finding>());
        var wanted = new[] { "evidence/carve-outs/co-9.yaml", "evidence/deficiencies/def-1.yaml", GitScenario.Receipt, "evidence/vendor", "evidence/nothing.json", "governance/allocator.yaml", "evidence/attendance" };
        var source = history.FilesOf(commit, wanted);
        var found = source.Enumerate(new List<Finding>());
        // The symlink and the two files, as listed; not the submodule, a missing file, a folder, or below a symlinked root.
        Assert.Equal(listed.Where(e => wanted.Contains(e.Path)), found);
        Assert.Equal(["evidence/attendance/att-1.json", "evidence/carve-outs/co-9.yaml", "evidence/deficiencies/def-1.yaml"], found.Select(e => e.Path));
        Assert.Equal(SourceEntryType.Symlink, found[1].Type);
        Assert.Equal(history.TreeOf(commit).Read(found[0]), source.Read(found[0]));
    }

    /// <summary>Three commits: the samples; an edit, a deletion, an addition and a file outside the roots; then odd entries.</summary>
    private static GitScenario OddHistory(out Commit first, out Commit second, out Commit third)
    {
        var s = GitScenario.WithSamples();
        first = s.Commit("samples");
        s.Files.Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: major")
            .Delete(GitScenario.Manifest)
            .Write("evidence/carve-outs/co-new.yaml", "x: 1\n")
            .Write("notes.md", "outside the evidence roots\n");
        second = s.Commit("edit, delete, add");
        // A symlink, a submodule and a symlinked root, committed without touching the disk.
        var link = s.Repo.ObjectDatabase.CreateBlob(new MemoryStream("../../governance/allocator.yaml"u8.ToArray()));
        var tree = TreeDefinition.From(second)
            .Add("evidence/carve-outs/co-9.yaml", link, Mode.SymbolicLink)
            .AddGitLink("evidence/vendor", new ObjectId("0123456789abcdef0123456789abcdef01234567"))
            .Remove("governance")
            .Add("governance", link, Mode.SymbolicLink);
        var sig = TempEvidenceRepo.Signer();
        third = s.Repo.ObjectDatabase.CreateCommit(sig, sig, "odd entries", s.Repo.ObjectDatabase.CreateTree(tree), [second], false);
        return s;
    }

    private static List<EvidenceBlobChange> Expected(GitEvidenceHistory history, HistoryCommit? from, HistoryCommit to)
    {
        var before = from is null ? [] : Blobs(history, from);
        var after = Blobs(history, to);
        return before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(p => new EvidenceBlobChange(p, before.GetValueOrDefault(p), after.GetValueOrDefault(p)))
            .Where(c => c.OldBlob != c.NewBlob)
            .ToList();
    }

    private static Dictionary<string, string> Blobs(GitEvidenceHistory history, HistoryCommit commit) =>
        history.TreeOf(commit).Enumerate(new List<Finding>()).Where(e => e.ContentKey is not null).ToDictionary(e => e.Path, e => e.ContentKey!, StringComparer.Ordinal);
}
