using EvidenceTasks.Core;
using EvidenceTasks.Core.History;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.History;
using EvidenceTasks.Tests.Support;
using LibGit2Sharp;

namespace EvidenceTasks.Tests.History;

/// <summary>
/// The index is built from git's tree diffs; its events must be exactly those of the definition it replaced: compare
/// every commit's full listing with every parent's listing.
/// </summary>
public class HistoryIndexTests
{
    private const string Ticket = "evidence/deficiencies/def-1.yaml";

    [Fact]
    public void Given_merges_reverts_and_add_modify_delete_When_indexed_Then_the_events_equal_the_listing_difference()
    {
        using var s = GitScenario.WithSamples();
        var root = s.Commit("samples");

        // A side branch: edits the ticket and the slot file.
        Commands.Checkout(s.Repo, s.Repo.CreateBranch("side"));
        s.Files.Replace(Ticket, "severity: cert_blocking", "severity: major").Write(GitScenario.Slots, s.Files.Read(GitScenario.Slots) + "# side\n");
        s.Files.Write("evidence/carve-outs/co-side.yaml", "x: side\n");
        var side = s.Commit("side: reclassify, add a carve-out");

        // Main: adds, modifies and deletes, then reverts the ticket to its root version after changing it.
        Commands.Checkout(s.Repo, s.Repo.Branches.First(b => !b.IsRemote && b.FriendlyName != "side"));
        s.Files.Write("evidence/carve-outs/co-new.yaml", "x: 1\n").Delete(GitScenario.Manifest)
            .Replace(Ticket, "severity: cert_blocking", "severity: minor");
        var main1 = s.Commit("main: add, delete, modify");
        s.Files.Replace(Ticket, "severity: minor", "severity: cert_blocking");
        var revert = s.Commit("main: the ticket back to the root's blob");
        s.Files.Write("README.md", "not evidence\n");
        var readme = s.Commit("main: outside the evidence roots only");

        // The merge takes main's ticket and slots, the side's carve-out, and changes the log itself (differs from both parents).
        s.Files.Write("evidence/carve-outs/co-side.yaml", "x: side\n").Write(GitScenario.Log, s.Files.Read(GitScenario.Log) + "\n");
        var merge = MergeCommit(s, "merge side", readme, side);
        // A second merge whose evidence equals a parent's (merge -s ours): nothing changed there.
        Commands.Checkout(s.Repo, s.Repo.Branches["side"]);
        s.Files.Replace(Ticket, "severity: major", "severity: minor");
        var side2 = s.Commit("side: again");
        var ours = s.Repo.ObjectDatabase.CreateCommit(TempEvidenceRepo.Signer(), TempEvidenceRepo.Signer(), "merge -s ours", merge.Tree, [merge, side2], false);

        using var history = GitEvidenceHistory.Open(s.Root)!;
        var head = history.Resolve(ours.Sha)!;
        var index = new HistoryIndex(history, head);

        var expected = ListingDefinition(history, index);
        var actual = index.Paths.Order(StringComparer.Ordinal).SelectMany(p => index.EventsOf(p).Select(e => (p, e))).ToList();
        Assert.Equal(expected, actual);

        // The scenario really exercises what it claims.
        Assert.Equal(new[] { root.Sha, side.Sha, main1.Sha, revert.Sha, side2.Sha }.Order(), index.EventsOf(Ticket).Select(e => e.Commit.Sha).Order());
        Assert.Equal(root[Ticket].Target.Sha, index.EventsOf(Ticket).Single(e => e.Commit.Sha == revert.Sha).Blob);
        Assert.Equal(new[] { root.Sha, side.Sha }.Order(), index.EventsOf(GitScenario.Slots).Select(e => e.Commit.Sha).Order());
        Assert.Equal([PathChangeType.Added, PathChangeType.Deleted], index.EventsOf(GitScenario.Manifest).Select(e => e.Type));
        Assert.Equal([(side.Sha, PathChangeType.Added)], index.EventsOf("evidence/carve-outs/co-side.yaml").Select(e => (e.Commit.Sha, e.Type)));
        Assert.Equal([(root.Sha, PathChangeType.Added), (merge.Sha, PathChangeType.Modified)], index.EventsOf(GitScenario.Log).Select(e => (e.Commit.Sha, e.Type)));
        Assert.DoesNotContain(actual, x => x.e.Commit.Sha == readme.Sha || x.e.Commit.Sha == ours.Sha);

        // Following only some paths gives exactly their events, and nothing else.
        string[] only = [Ticket, "evidence/carve-outs"];
        var restricted = new HistoryIndex(history, head, only: only);
        Assert.Equal(actual.Where(x => x.p == Ticket || x.p.StartsWith("evidence/carve-outs/", StringComparison.Ordinal)),
            restricted.Paths.Order(StringComparer.Ordinal).SelectMany(p => restricted.EventsOf(p).Select(e => (p, e))));
        Assert.Equal(index.Commits, restricted.Commits);
    }

    /// <summary>Commits the working tree as a merge of <paramref name="first"/> and <paramref name="second"/> and moves the branch to it.</summary>
    private static Commit MergeCommit(GitScenario s, string message, Commit first, Commit second)
    {
        var staged = s.Commit(message);
        var sig = TempEvidenceRepo.Signer();
        var merge = s.Repo.ObjectDatabase.CreateCommit(sig, sig, message, staged.Tree, [first, second], false);
        s.Repo.Reset(ResetMode.Soft, merge);
        return merge;
    }

    /// <summary>
    /// The definition the index had before it used tree diffs: a commit with a parent's evidence key changes nothing;
    /// otherwise a path changes when its blob (null when absent) differs from every parent's full listing; Deleted when
    /// absent, Modified when some parent had it, else Added. Root commits compare with nothing.
    /// </summary>
    private static List<(string Path, PathEvent Event)> ListingDefinition(GitEvidenceHistory history, HistoryIndex index)
    {
        var events = new List<(string Path, PathEvent Event)>();
        foreach (var commit in index.Commits)
        {
            var parents = commit.ParentShas.Select(sha => history.Resolve(sha)!).ToList();
            if (parents.Any(p => history.EvidenceKey(p) == history.EvidenceKey(commit))) continue;
            var mine = Blobs(history, commit);
            var theirs = parents.Select(p => Blobs(history, p)).ToList();
            foreach (var path in theirs.SelectMany(t => t.Keys).Concat(mine.Keys).Distinct())
            {
                var blob = mine.GetValueOrDefault(path);
                if (theirs.Any(t => t.GetValueOrDefault(path) == blob)) continue;
                var type = blob is null ? PathChangeType.Deleted : theirs.Any(t => t.ContainsKey(path)) ? PathChangeType.Modified : PathChangeType.Added;
                events.Add((path, new PathEvent(commit, blob, type)));
            }
        }
        return events.OrderBy(e => e.Path, StringComparer.Ordinal).ToList(); // stable: walk order within a path
    }

    private static Dictionary<string, string> Blobs(GitEvidenceHistory history, HistoryCommit commit) =>
        history.TreeOf(commit).Enumerate(new List<Finding>()).ToDictionary(e => e.Path, e => e.ContentKey!, StringComparer.Ordinal);
}
