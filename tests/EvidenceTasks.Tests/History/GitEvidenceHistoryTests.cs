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

    [Fact]
    public void Given_scopes_When_diffed_with_only_Then_the_full_diff_restricted_to_those_paths_and_what_lies_below()
    {
        using var s = GitScenario.WithSamples();
        s.Files.Write("evidence/ics/w1/a.ics", "A").Write("evidence/ics-old/b.ics", "B").Write("evidence/carve-outs/co-[1].yaml", "x: 1\n");
        var first = s.Commit("samples and odd names");
        s.Files.Write("evidence/ics/w1/a.ics", "A2").Write("evidence/ics/w2/c.ics", "C").Write("evidence/ics-old/b.ics", "B2")
            .Write("evidence/carve-outs/co-[1].yaml", "x: 2\n").Write("evidence/carve-outs/co-1.yaml", "x: 3\n")
            .Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: major").Delete(GitScenario.Manifest);
        var second = s.Commit("changes in and around the scopes");

        using var history = GitEvidenceHistory.Open(s.Root)!;
        var (a, b) = (history.Resolve(first.Sha)!, history.Resolve(second.Sha)!);
        string[] scopes = ["evidence/ics", "evidence/ics/w1", "evidence/carve-outs/co-[1].yaml", GitScenario.Manifest, "evidence/absent", "README.md", "roster",
            "evidence/deficiencies/def-1.yaml", "evidence/deficiencies/def-9.yaml"];
        foreach (var (from, to) in new[] { (null, a), (a, b), (b, a) })
        {
            var expected = history.Changes(from, to).Where(c => scopes.Any(p => c.Path == p || c.Path.StartsWith(p + "/", StringComparison.Ordinal))).ToList();
            Assert.Equal(expected, history.Changes(from, to, scopes));
        }
        Assert.Equal(["evidence/carve-outs/co-[1].yaml", "evidence/deficiencies/def-1.yaml", "evidence/ics/w1/a.ics", "evidence/ics/w2/c.ics", GitScenario.Manifest],
            history.Changes(a, b, scopes).Select(c => c.Path));
        Assert.Empty(history.Changes(a, a, scopes));
    }

    [Fact]
    public void Given_files_symlinks_submodules_and_absent_paths_When_looked_up_Then_exactly_the_listing_entries_of_those_paths()
    {
        using var s = GitScenario.WithSamples();
        var samples = s.Commit("samples");
        var link = s.Repo.ObjectDatabase.CreateBlob(new MemoryStream("../../governance/allocator.yaml"u8.ToArray()));
        var tree = TreeDefinition.From(samples)
            .Add("evidence/carve-outs/co-9.yaml", link, Mode.SymbolicLink)
            .AddGitLink("evidence/vendor", new ObjectId("0123456789abcdef0123456789abcdef01234567"))
            .Add("notes.md", link, Mode.NonExecutableFile);
        var sig = TempEvidenceRepo.Signer();
        var odd = s.Repo.ObjectDatabase.CreateCommit(sig, sig, "odd entries", s.Repo.ObjectDatabase.CreateTree(tree), [samples], false);
        var linkedRoot = s.Repo.ObjectDatabase.CreateCommit(sig, sig, "symlinked root", s.Repo.ObjectDatabase.CreateTree(
            TreeDefinition.From(odd).Remove("governance").Add("governance", link, Mode.SymbolicLink)), [odd], false);

        using var history = GitEvidenceHistory.Open(s.Root)!;
        string[] paths = [GitScenario.Receipt, GitScenario.Slots, "evidence/carve-outs/co-9.yaml", "evidence/vendor", "evidence/vendor/x.yaml",
            "evidence/deficiencies", "evidence/nothing.yaml", "notes.md", "governance/allocator.yaml", GitScenario.Receipt];
        foreach (var commit in new[] { samples, odd, linkedRoot }.Select(c => history.Resolve(c.Sha)!))
        {
            var listed = history.TreeOf(commit).Enumerate(new List<Finding>()).Where(e => paths.Contains(e.Path)).ToList();
            var findings = new List<Finding>();
            Assert.Equal(listed, history.FilesOf(commit, paths).Enumerate(findings));
            Assert.Empty(findings);
        }
        var symlink = Assert.Single(history.FilesOf(history.Resolve(odd.Sha)!, ["evidence/carve-outs/co-9.yaml"]).Enumerate(new List<Finding>()));
        Assert.Equal(("../../governance/allocator.yaml", link.Sha), (symlink.LinkTarget, symlink.ContentKey));
        var refused = Assert.Single(EvidenceLoader.Default.Load(history.FilesOf(history.Resolve(odd.Sha)!, ["evidence/carve-outs/co-9.yaml"])).Findings);
        Assert.Equal((BlockReason.FileRejected, "evidence/carve-outs/co-9.yaml"), (refused.Reason, refused.Location.Path));
        Assert.Empty(history.FilesOf(history.Resolve(linkedRoot.Sha)!, ["governance/allocator.yaml"]).Enumerate(new List<Finding>()));
    }

    [Fact]
    public void Given_a_diff_on_a_handle_or_its_twin_When_its_paths_are_looked_up_Then_the_entries_a_fresh_handle_finds()
    {
        using var s = OddHistory(out var first, out var second, out var third);
        using var fresh = GitEvidenceHistory.Open(s.Root)!;
        using var history = GitEvidenceHistory.Open(s.Root)!;
        using var twin = history.Twin();
        var commits = new[] { first, second, third }.Select(c => history.Resolve(c.Sha)!).ToArray();
        foreach (var (from, to, differ) in new[] { (commits[0], commits[1], history), (commits[1], commits[2], twin), (commits[2], commits[0], history) })
        {
            // The diff's paths (deleted, added, a symlink, a submodule, below a root that became a symlink) and a few it did not see.
            var paths = differ.Changes(from, to).Select(c => c.Path)
                .Concat(["evidence/vendor", "governance/allocator.yaml", GitScenario.Receipt, "evidence/nothing.yaml"]).ToList();
            foreach (var commit in new[] { from, to })
            {
                var expected = fresh.FilesOf(commit, paths).Enumerate(new List<Finding>());
                Assert.Equal(expected, history.FilesOf(commit, paths).Enumerate(new List<Finding>()));
                Assert.Equal(expected, twin.FilesOf(commit, paths).Enumerate(new List<Finding>()));
            }
        }
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
