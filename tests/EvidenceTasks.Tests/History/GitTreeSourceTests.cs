using EvidenceTasks.Core;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;
using LibGit2Sharp;

namespace EvidenceTasks.Tests.History;

/// <summary>A commit's tree is loaded by the same loader as a folder, keyed by blob id.</summary>
public class GitTreeSourceTests
{
    [Fact]
    public void Given_a_committed_folder_When_its_commit_is_loaded_Then_the_same_records_and_findings_as_the_folder()
    {
        using var s = GitScenario.WithSamples();
        s.Files.Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: blocker").Write("governance/extra.yml", "x: 1\n");
        var commit = s.Commit("samples with two broken files");

        var fromFolder = EvidenceLoader.Default.Load(s.Root);
        var fromCommit = EvidenceLoader.Default.Load(new GitTreeSource(s.Repo, commit));
        Assert.Equal(fromFolder.FileCount, fromCommit.FileCount);
        Assert.Equal(fromFolder.Findings.ToArray(), fromCommit.Findings.ToArray());
        Assert.Equal(2, fromCommit.Findings.Length);
        Assert.Equal(fromFolder.Evidence.Receipts.Select(r => (r.AttendanceId, r.ComputedSha256, r.Origin.Field("actual_end_utc"))),
            fromCommit.Evidence.Receipts.Select(r => (r.AttendanceId, r.ComputedSha256, r.Origin.Field("actual_end_utc"))));
        Assert.Equal(fromFolder.Evidence.Slots.Select(s => s.RosterSlotId), fromCommit.Evidence.Slots.Select(s => s.RosterSlotId));
        Assert.Equal(fromFolder.Evidence.UnreadablePaths.Order(), fromCommit.Evidence.UnreadablePaths.Order());
    }

    [Fact]
    public void Given_a_commit_When_enumerated_Then_content_keys_are_blob_ids_in_ordinal_path_order()
    {
        using var s = GitScenario.WithSamples();
        var commit = s.Commit("samples");
        var entries = new GitTreeSource(s.Repo, commit).Enumerate(new List<Finding>());
        Assert.Equal(KindSamples.ValidFiles.Keys.Order(StringComparer.Ordinal), entries.Select(e => e.Path));
        var receipt = entries.Single(e => e.Path == GitScenario.Receipt);
        Assert.Equal(commit[GitScenario.Receipt].Target.Sha, receipt.ContentKey);
        Assert.Equal(new FileInfo(s.Files.PathOf(GitScenario.Receipt)).Length, receipt.Length);
    }

    [Fact]
    public void Given_a_committed_symlink_When_loaded_Then_file_rejected_as_on_disk()
    {
        using var s = GitScenario.WithSamples();
        s.Commit("samples");
        // Commit a symlink (mode 120000) without needing one on disk.
        var target = s.Repo.ObjectDatabase.CreateBlob(new MemoryStream("../../governance/allocator.yaml"u8.ToArray()));
        var tree = TreeDefinition.From(s.Repo.Head.Tip).Add("evidence/carve-outs/co-9.yaml", target, Mode.SymbolicLink);
        var sig = TempEvidenceRepo.Signer();
        var commit = s.Repo.ObjectDatabase.CreateCommit(sig, sig, "symlink", s.Repo.ObjectDatabase.CreateTree(tree), [s.Repo.Head.Tip], false);

        var entry = new GitTreeSource(s.Repo, commit).Enumerate(new List<Finding>()).Single(e => e.Path == "evidence/carve-outs/co-9.yaml");
        Assert.Equal(SourceEntryType.Symlink, entry.Type);
        var f = Assert.Single(EvidenceLoader.Default.Load(new GitTreeSource(s.Repo, commit)).Findings);
        Assert.Equal((BlockReason.FileRejected, "evidence/carve-outs/co-9.yaml", 1), (f.Reason, f.Location.Path, f.Location.Line));
        Assert.Equal("symlink to '../../governance/allocator.yaml' is not evidence", f.Message);
    }

    [Fact]
    public void Given_two_commits_sharing_blobs_When_both_are_loaded_with_one_cache_Then_only_the_changed_blob_is_parsed_again()
    {
        using var s = GitScenario.WithSamples();
        var first = s.Commit("samples");
        s.Files.Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: major");
        var second = s.Commit("reclassify");
        var cache = new LoadCache();
        EvidenceLoader.Default.Load(new GitTreeSource(s.Repo, first), cache);
        Assert.Equal(KindSamples.ValidFiles.Count, cache.Misses);
        var loaded = EvidenceLoader.Default.Load(new GitTreeSource(s.Repo, second), cache);
        Assert.Equal(KindSamples.ValidFiles.Count + 1, cache.Misses);
        Assert.Equal("major", Assert.Single(loaded.Evidence.Deficiencies).Severity);
    }
}
