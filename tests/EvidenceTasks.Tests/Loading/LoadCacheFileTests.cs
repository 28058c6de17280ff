using System.Security.Cryptography;
using EvidenceTasks.Cli;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Loading;

/// <summary>
/// The load cache kept between gate runs in <c>.git/evidence-tasks/</c>: a file git says is unchanged takes its result
/// from the cache by blob id, anything else is loaded; the report is the same as a run without it.
/// </summary>
public class LoadCacheFileTests
{
    private const string AsOf = "2027-01-01T00:00:00Z";

    private static CliRunner.CliRun Gate(string root, params string[] extra) =>
        CliRunner.Run(root, ["gate", "--as-of", AsOf, "--format", "json", "--timings", .. extra]);

    private static string CachePath(string root) => Path.Combine(root, ".git", "evidence-tasks", "load-cache.bin");

    /// <summary>The (reused, loaded) counts of the run's "load cache:" timings line.</summary>
    private static (int Reused, int Loaded) CacheUse(CliRunner.CliRun run)
    {
        var line = Assert.Single(run.Error.Split('\n'), l => l.StartsWith("timings: load cache:", StringComparison.Ordinal));
        var words = line.Split(' ');
        return (int.Parse(words[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(words[6], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static GitScenario Committed()
    {
        var s = GitScenario.WithSamples();
        s.SealReceipt();
        s.Commit("Evidence");
        return s;
    }

    [Fact]
    public void Given_committed_evidence_When_the_gate_runs_twice_Then_the_second_run_loads_no_file_and_reports_the_same()
    {
        using var s = Committed();
        var first = Gate(s.Root);
        var second = Gate(s.Root);
        var uncached = Gate(s.Root, "--no-cache");

        var (reused, loaded) = CacheUse(first);
        Assert.Equal(0, reused);
        Assert.True(loaded >= KindSamples.ValidFiles.Count, $"{loaded} files loaded");
        Assert.True(File.Exists(CachePath(s.Root)));
        Assert.Equal((loaded, 0), CacheUse(second));
        Assert.Equal(ExitCodes.Clean, second.ExitCode);
        Assert.Equal(uncached.Out, first.Out);
        Assert.Equal(uncached.Out, second.Out);
    }

    [Fact]
    public void Given_names_beyond_ascii_When_the_gate_runs_twice_Then_the_second_run_finds_them_in_the_stored_cache_too()
    {
        // The stored keys are looked up by the UTF-8 of the asked path: multi-byte names must match their stored bytes.
        using var s = GitScenario.WithSamples();
        s.SealReceipt();
        s.Files.Write("evidence/deficiencies/déf-ü1.yaml", "x: 1\n").Write("evidence/carve-outs/co-日本.yaml", "x: 2\n");
        s.Commit("Evidence with names beyond ASCII");
        var first = Gate(s.Root);
        var second = Gate(s.Root);

        Assert.Equal((CacheUse(first).Loaded, 0), CacheUse(second));
        Assert.Equal(first.Out, second.Out);
        Assert.Contains(GateJson.Findings(second), f => f.Path == "evidence/carve-outs/co-日本.yaml");
    }

    [Fact]
    public void Given_a_cached_run_When_a_sealed_receipt_is_edited_and_not_committed_Then_that_file_is_loaded_and_its_finding_reported()
    {
        using var s = Committed();
        Gate(s.Root);
        s.EditJson(GitScenario.Receipt, "actual_end_utc", "2027-01-15T02:29:00Z");

        var run = Gate(s.Root);

        Assert.Equal(1, CacheUse(run).Loaded);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains(GateJson.Findings(run), f => f.Reason == "receipt_hash_mismatch" && f.Path == GitScenario.Receipt);
        Assert.Equal(Gate(s.Root, "--no-cache").Out, run.Out);
    }

    [Fact]
    public void Given_a_cached_run_When_the_edit_is_committed_Then_the_new_blob_is_loaded_and_the_old_one_no_longer_serves()
    {
        using var s = Committed();
        Gate(s.Root);
        s.EditJson(GitScenario.Receipt, "actual_end_utc", "2027-01-15T02:29:00Z").Commit("Edit the receipt");

        var run = Gate(s.Root);

        Assert.True(CacheUse(run).Loaded >= 1);
        Assert.Contains(GateJson.Findings(run), f => f.Reason == "receipt_hash_mismatch" && f.Path == GitScenario.Receipt);
        Assert.Equal(Gate(s.Root, "--no-cache").Out, run.Out);
    }

    [Fact]
    public void Given_a_damaged_cache_file_When_the_gate_runs_Then_one_line_says_so_the_report_is_unchanged_and_the_file_is_written_afresh()
    {
        using var s = Committed();
        var first = Gate(s.Root);
        var bytes = File.ReadAllBytes(CachePath(s.Root));
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(CachePath(s.Root), bytes);

        var run = Gate(s.Root);

        var line = Assert.Single(run.Error.Split('\n'), l => l.Contains("load cache", StringComparison.Ordinal) && !l.StartsWith("timings:", StringComparison.Ordinal));
        Assert.Contains("could not be read (its SHA-256 seal does not match", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal(first.Out, run.Out);
        Assert.Equal(0, CacheUse(Gate(s.Root)).Loaded);
    }

    [Fact]
    public void Given_a_cache_written_by_another_build_When_the_gate_runs_Then_it_is_ignored_quietly_and_replaced()
    {
        using var s = Committed();
        var first = Gate(s.Root);
        var path = CachePath(s.Root);
        var bytes = File.ReadAllBytes(path);
        bytes[12] ^= 0xFF; // the first byte of the build's module id, after "ETLC" and the file's and the codec's format versions
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes, bytes.Length - 32); // sealed again: a valid file of another build
        File.WriteAllBytes(path, bytes);

        var run = Gate(s.Root);

        Assert.Equal(0, CacheUse(run).Reused);
        Assert.DoesNotContain(run.Error.Split('\n'), l => l.Contains("could not be read", StringComparison.Ordinal));
        Assert.Equal(first.Out, run.Out);
        Assert.Equal(0, CacheUse(Gate(s.Root)).Loaded);
    }

    [Fact]
    public void Given_no_cache_When_the_gate_runs_Then_nothing_is_read_or_written()
    {
        using var s = Committed();
        var run = Gate(s.Root, "--no-cache");
        Assert.False(Directory.Exists(Path.GetDirectoryName(CachePath(s.Root))));
        Assert.DoesNotContain("load cache", run.Error, StringComparison.Ordinal);

        Gate(s.Root);
        var written = File.ReadAllBytes(CachePath(s.Root));
        s.EditJson(GitScenario.Receipt, "actual_end_utc", "2027-01-15T02:29:00Z");
        Gate(s.Root, "--no-cache");
        Assert.Equal(written, File.ReadAllBytes(CachePath(s.Root)));
    }

    [Fact]
    public void Given_a_plain_folder_When_the_gate_runs_Then_no_cache_is_written()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        var run = Gate(repo.Root);
        Assert.DoesNotContain("load cache", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(repo.Root, "evidence-tasks", SearchOption.AllDirectories));
    }

    [Fact]
    public void Given_a_cached_pull_request_base_When_the_pull_request_is_gated_Then_the_report_equals_one_without_the_cache()
    {
        using var s = Committed();
        s.MarkBase();
        Gate(s.Root); // the base's run, as CI's on the main branch
        s.EditJson(GitScenario.Receipt, "actual_end_utc", "2027-01-15T02:29:00Z").Commit("Rewrite a sealed receipt");
        s.Files.Write(GitScenario.Ics, GitScenario.IcsText(1)).Write("evidence/deficiencies/def-1.yaml", "deficiency_id: def-1\n");

        var cached = Gate(s.Root, "--base", "upstream");
        var uncached = Gate(s.Root, "--base", "upstream", "--no-cache");

        Assert.True(CacheUse(cached).Reused > 0);
        Assert.Contains("evidence_rewritten", cached.Out, StringComparison.Ordinal);
        Assert.Contains("schema_invalid", cached.Out, StringComparison.Ordinal);
        Assert.Equal(uncached.Out, cached.Out);
        Assert.Equal(uncached.ExitCode, cached.ExitCode);
    }

    [Fact]
    public void Given_a_large_cached_repository_When_a_run_loads_under_one_percent_of_its_files_Then_the_cache_file_is_left_as_it_is()
    {
        using var dir = new TempEvidenceRepo();
        var root = Path.Combine(dir.Root, "corpus");
        var synth = CliRunner.Run(dir.Root, "synth", "--out", root, "--windows", "2", "--slots-per-window", "5", "--receipts", "10", "--deficiencies", "300", "--commits", "3");
        Assert.Equal(ExitCodes.Clean, synth.ExitCode);
        var first = Gate(root);
        var written = File.ReadAllBytes(CachePath(root));
        var tickets = Directory.GetFiles(Path.Combine(root, "evidence", "deficiencies")).Order(StringComparer.Ordinal).ToList();

        void Commit(IEnumerable<string> files)
        {
            foreach (var t in files) File.AppendAllText(t, "summary: Edited by a commit.\n");
            GitScenario.Git(root, "-c", "user.name=Scribe", "-c", "user.email=scribe@studio.example", "commit", "-qam", "Edit tickets");
        }

        Commit(tickets.Take(1));
        var few = Gate(root);
        Assert.Equal(1, CacheUse(few).Loaded);
        Assert.Equal(written, File.ReadAllBytes(CachePath(root))); // 1 of ~330: left as it is
        Assert.Equal(1, CacheUse(Gate(root)).Loaded); // so loaded again

        Commit(tickets.Skip(1).Take(9));
        var many = Gate(root);
        Assert.Equal(10, CacheUse(many).Loaded);
        Assert.NotEqual(written, File.ReadAllBytes(CachePath(root))); // 10: over 1 %, written with the new blobs
        Assert.Equal(0, CacheUse(Gate(root)).Loaded);
        Assert.Equal(0, CacheUse(first).Reused);
    }

    [Fact]
    public void Given_a_symlink_and_a_file_with_the_same_blob_When_both_are_loaded_through_one_cache_Then_each_gets_its_own_result()
    {
        using var repo = new TempEvidenceRepo();
        var cache = new LoadCache();
        var loads = 0;
        EvidenceLoader.FileResult Load(string what)
        {
            loads++;
            return new EvidenceLoader.FileResult(what, null, []);
        }

        var link = cache.GetOrAdd(new SourceEntry("evidence/deficiencies/def-1.yaml", SourceEntryType.Symlink, 0, "abc"), () => Load("link"));
        var file = cache.GetOrAdd(new SourceEntry("evidence/deficiencies/def-1.yaml", SourceEntryType.File, 3, "abc"), () => Load("file"));

        Assert.Equal(2, loads);
        Assert.Equal("link", link.Path);
        Assert.Equal("file", file.Path);
    }
}
