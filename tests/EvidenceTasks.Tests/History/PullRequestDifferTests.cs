using EvidenceTasks.Core.History;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.History;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;
using LibGit2Sharp;

namespace EvidenceTasks.Tests.History;

/// <summary>
/// The pull request's evidence is derived from the loaded working tree by swapping files, never by loading both trees;
/// it must equal what loading both trees gives, even when the working tree is not HEAD.
/// </summary>
public class PullRequestDifferTests
{
    [Fact]
    public void Given_a_pull_request_and_uncommitted_edits_When_diffed_Then_base_and_head_evidence_equal_full_loads_of_both_commits()
    {
        using var s = GitScenario.WithSamples();
        s.Files.Write(".gitignore", "ignored-*.yaml\n");
        var mergeBase = s.Commit("merged evidence");
        s.Files.Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: major")
            .Write("evidence/deficiencies/def-2.yaml", s.Files.Read("evidence/deficiencies/def-1.yaml").Replace("def-1", "def-2", StringComparison.Ordinal))
            .Delete(GitScenario.Manifest);
        var head = s.Commit("pull request");
        // Not committed: an edit, a deletion, an untracked file, an ignored one and a staged one.
        s.Files.Replace("evidence/deficiencies/def-2.yaml", "severity: major", "severity: minor")
            .Delete("evidence/carve-outs/co-1.yaml")
            .Write("evidence/deficiencies/def-3.yaml", s.Files.Read("evidence/deficiencies/def-1.yaml").Replace("def-1", "def-3", StringComparison.Ordinal))
            .Write("evidence/carve-outs/ignored-1.yaml", "x: 1\n")
            .Write("roster/slots/w1.yaml", "broken: [\n");
        Commands.Stage(s.Repo, "roster/slots/w1.yaml");

        using var history = GitEvidenceHistory.Open(s.Root)!;
        var (b, h) = (history.Resolve(mergeBase.Sha)!, history.Resolve(head.Sha)!);
        Assert.Equal(["evidence/carve-outs/co-1.yaml", "evidence/carve-outs/ignored-1.yaml", "evidence/deficiencies/def-2.yaml", "evidence/deficiencies/def-3.yaml", "roster/slots/w1.yaml"],
            history.UncommittedPaths().Order(StringComparer.Ordinal));

        var workingTree = EvidenceLoader.Default.Load(s.Root).Evidence;
        var changes = PullRequestDiffer.Diff(history, b, h, workingTree, EvidenceLoader.Default, new LoadCache());

        Assert.Equal(EvidenceFingerprint.Of(EvidenceLoader.Default.Load(history.TreeOf(h)).Evidence), EvidenceFingerprint.Of(changes.HeadEvidence));
        Assert.Equal(EvidenceFingerprint.Of(EvidenceLoader.Default.Load(history.TreeOf(b)).Evidence), EvidenceFingerprint.Of(changes.BaseEvidence));
        Assert.Equal([("evidence/deficiencies/def-1.yaml", PathChangeType.Modified), ("evidence/deficiencies/def-2.yaml", PathChangeType.Added), (GitScenario.Manifest, PathChangeType.Deleted)],
            changes.Paths.Select(p => (p.Path, p.Type)));
        var manifest = Assert.Single(changes.Guarded);
        Assert.Equal((GitScenario.Manifest, GuardedKind.QuorumManifest, (FileVersion?)null), (manifest.Path, manifest.Kind, manifest.After));
        Assert.Equal(s.Repo.Lookup<Blob>(mergeBase[GitScenario.Manifest].Target.Id).GetContentText(), manifest.Before.Text);
    }
}
