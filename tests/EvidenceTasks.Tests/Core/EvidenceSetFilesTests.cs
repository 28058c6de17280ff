using EvidenceTasks.Core;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core;

/// <summary>Swapping a few files' records must give exactly what loading the whole tree with those files does.</summary>
public class EvidenceSetFilesTests
{
    [Fact]
    public void Given_two_commits_When_the_changed_files_are_swapped_either_way_Then_the_set_equals_the_full_load()
    {
        using var s = GitScenario.WithSamples();
        s.Files.Write("evidence/deficiencies/def-0.yaml", s.Files.Read("evidence/deficiencies/def-1.yaml").Replace("def-1", "def-0", StringComparison.Ordinal))
            .Write("evidence/deficiencies/def-3.yaml", s.Files.Read("evidence/deficiencies/def-1.yaml").Replace("def-1", "def-3", StringComparison.Ordinal))
            .Write("evidence/carve-outs/co-bad.yaml", "carve_out_id: [\n");
        var first = s.Commit("samples, tickets around def-1, a broken carve-out");
        s.Files.Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: major")
            .Delete(GitScenario.Manifest)
            .Delete("governance/allocator.yaml")
            .Write("evidence/deficiencies/def-2.yaml", s.Files.Read("evidence/deficiencies/def-1.yaml").Replace("def-1", "def-2", StringComparison.Ordinal))
            .Write("evidence/carve-outs/co-bad.yaml", s.Files.Read("evidence/carve-outs/co-1.yaml").Replace("co-1", "co-bad", StringComparison.Ordinal))
            .Write("roster/slots/w1.yaml", "not: [valid\n");
        var second = s.Commit("modify, delete, add, repair one file and break another");

        using var history = GitEvidenceHistory.Open(s.Root)!;
        var (a, b) = (history.Resolve(first.Sha)!, history.Resolve(second.Sha)!);
        var full = (A: EvidenceLoader.Default.Load(history.TreeOf(a)).Evidence, B: EvidenceLoader.Default.Load(history.TreeOf(b)).Evidence);
        var changed = history.Changes(a, b).Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(6, changed.Count);

        var aToB = full.A.ReplaceFiles(changed, EvidenceLoader.Default.Load(history.FilesOf(b, changed)).Evidence);
        var bToA = full.B.ReplaceFiles(changed, EvidenceLoader.Default.Load(history.FilesOf(a, changed)).Evidence);
        Assert.Equal(EvidenceFingerprint.Of(full.B), EvidenceFingerprint.Of(aToB));
        Assert.Equal(EvidenceFingerprint.Of(full.A), EvidenceFingerprint.Of(bToA));
        Assert.Null(aToB.Allocator);
        Assert.NotNull(bToA.Allocator);
        Assert.Equal(["def-0", "def-1", "def-2", "def-3"], aToB.Deficiencies.Select(d => d.DeficiencyId));
        Assert.Equal("major", aToB.DeficienciesByLog["log-1"].Single(d => d.DeficiencyId == "def-1").Severity);
        Assert.Same(full.A, full.A.ReplaceFiles(new HashSet<string>(), EvidenceSet.Empty));
    }

    [Fact]
    public void Given_a_replacement_with_a_file_not_replaced_When_swapped_Then_refused()
    {
        var replacement = new EvidenceSet { UnreadablePaths = ["evidence/deficiencies/def-9.yaml"] };
        var e = Assert.Throws<ArgumentException>(() => EvidenceSet.Empty.ReplaceFiles(new HashSet<string> { "evidence/deficiencies/def-1.yaml" }, replacement));
        Assert.Contains("evidence/deficiencies/def-9.yaml", e.Message, StringComparison.Ordinal);
    }
}
