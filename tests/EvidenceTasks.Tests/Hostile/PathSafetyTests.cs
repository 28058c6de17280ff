using System.Text.RegularExpressions;
using EvidenceTasks.Cli;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Hostile;

/// <summary>
/// Nothing is ever read or written outside the repository root: every verb that takes an id or a path is run with
/// hostile values (traversal, absolute paths, separators, a newline, NUL) against a copy of the bundled evidence that
/// sits next to a sibling folder; every run is refused with a finding-style line or a usage error, never an internal
/// error, and afterwards not one file changed anywhere under the common parent (inside the root or outside it).
/// </summary>
public sealed class PathSafetyTests(PathSandbox sandbox) : IClassFixture<PathSandbox>
{
    private readonly string _root = sandbox.Root;
    private readonly string _outside = sandbox.Outside;

    private Dictionary<string, string> Snapshot() => sandbox.Snapshot();

    public static readonly string[] HostileValues =
        ["../../etc/passwd", "../outside/passwd", "/etc/passwd", "ABSOLUTE", "a/b", "a\\b", "..", ".", "x\ny", "x\0y", "", " ", "-", "evidence/../../outside/x"];

    public static TheoryData<string, string> Cases()
    {
        string[][] templates =
        [
            ["receipt", "new", "--slot", "{X}"],
            ["receipt", "new", "--slot", "us_t14_2027_01_14", "--id", "{X}"],
            ["receipt", "seal", "--attendance", "{X}"],
            ["bootstrap", "--attendance", "{X}"],
            ["score", "--log", "{X}"],
            ["allocate", "--sprint", "{X}", "--approved-by", "governance_owner", "--as-of", "2026-11-23T00:00:00Z"],
            ["readback", "--sprint", "{X}"],
            ["ics", "--slot", "{X}"],
            ["manifest", "--week", "{X}"],
            ["provenance", "{X}"],
        ];
        var data = new TheoryData<string, string>();
        foreach (var t in templates)
            foreach (var v in HostileValues)
                data.Add(string.Join('\u001f', t), v);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Given_a_hostile_id_or_path_When_a_verb_runs_Then_refused_and_nothing_anywhere_changes(string template, string value)
    {
        if (value == "ABSOLUTE") value = Path.Combine(_outside, "passwd");
        var before = Snapshot();
        var args = template.Split('\u001f').Select(a => a == "{X}" ? value : a).Append("--root").Append(_root).ToArray();
        var run = CliRunner.Run(_root, args);
        Assert.True(run.ExitCode is ExitCodes.Blocked or ExitCodes.Usage, $"exit {run.ExitCode}\n{run.Out}\n{run.Error}");
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:0:0", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }
}

/// <summary>A copy of the bundled evidence committed in <c>parent/repo</c>, next to <c>parent/outside</c> (holding a fake passwd).</summary>
public sealed class PathSandbox : IDisposable
{
    public readonly string Parent = Path.Combine(Path.GetTempPath(), "evidence-tests", "paths-" + Guid.NewGuid().ToString("n"));
    public readonly string Root;
    public readonly string Outside;

    public PathSandbox()
    {
        Root = Path.Combine(Parent, "repo");
        Outside = Path.Combine(Parent, "outside");
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "passwd"), "root:x:0:0\n");
        using var bundled = TempEvidenceRepo.WithBundledEvidence();
        CopyTree(bundled.Root, Root);
        using var git = new LibGit2Sharp.Repository(LibGit2Sharp.Repository.Init(Root));
        LibGit2Sharp.Commands.Stage(git, "*");
        git.Commit("bundled", TempEvidenceRepo.Signer(), TempEvidenceRepo.Signer(), new LibGit2Sharp.CommitOptions());
    }

    public void Dispose()
    {
        try { Directory.Delete(Parent, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Every file under the parent (git's own folder excluded: reading the index may refresh it) with its bytes.</summary>
    public Dictionary<string, string> Snapshot() => Directory
        .EnumerateFileSystemEntries(Parent, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !p.EndsWith($"{Path.DirectorySeparatorChar}.git", StringComparison.Ordinal))
        .ToDictionary(p => p, p => File.Exists(p) ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p))) : "dir");
}

/// <summary>Symlinked folders, <c>--root</c> with <c>..</c>, and <c>--attest</c> outside the root (each test its own sandbox).</summary>
public sealed class SymlinkAndRootTests : IDisposable
{
    private readonly PathSandbox _sandbox = new();
    private string _root => _sandbox.Root;
    private string _outside => _sandbox.Outside;

    public void Dispose() => _sandbox.Dispose();

    private Dictionary<string, string> Snapshot() => _sandbox.Snapshot();

    /// <summary>
    /// A generated-evidence folder that is a symlink to a folder outside the root: the writer verbs refuse (the loader
    /// reports the symlink) and nothing is written through it.
    /// </summary>
    [Theory]
    [InlineData("evidence/manifests", "manifest")]
    [InlineData("evidence/ics", "ics")]
    [InlineData("evidence/sprint-budgets", "allocate --sprint 2026-Q4-S07 --approved-by governance_owner --as-of 2026-11-23T00:00:00Z")]
    [InlineData("evidence/readbacks", "readback --sprint 2026-Q4-S06")]
    [InlineData("evidence/attendance", "receipt new --slot us_t14_2027_01_14")]
    public void Given_an_evidence_folder_symlinked_outside_the_root_When_a_writer_runs_Then_refused_and_nothing_written_through_it(string folder, string command)
    {
        var real = Path.Combine(_root, folder);
        var moved = Path.Combine(_outside, Path.GetFileName(folder));
        Directory.Move(real, moved);
        Directory.CreateSymbolicLink(real, moved);
        var before = Snapshot();
        var run = CliRunner.Run(_root, [.. command.Split(' '), "--root", _root]);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        // Refused either by the loader ("directory is a symlink") or, for verbs that only need the roster, by the write guard.
        Assert.Matches($@"{Regex.Escape(folder)}:1:1: error file_rejected: (directory )?is a symlink", run.Out + run.Error);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Given_an_empty_evidence_folder_symlinked_outside_When_manifest_runs_Then_nothing_is_written_outside()
    {
        var real = Path.Combine(_root, "evidence/manifests");
        Directory.Delete(real, recursive: true);
        var target = Path.Combine(_outside, "empty");
        Directory.CreateDirectory(target);
        Directory.CreateSymbolicLink(real, target);
        var run = CliRunner.Run(_root, "manifest", "--root", _root);
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains("evidence/manifests:1:1: error file_rejected: is a symlink to", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(target));
    }

    [Fact]
    public void Given_a_root_spelled_with_dot_dot_When_gated_Then_it_is_the_same_folder_and_the_same_verdict()
    {
        var plain = CliRunner.Run(_root, "gate", "--root", _root, "--as-of", "2026-11-23T12:00:00Z", "--format", "json");
        var dotted = CliRunner.Run(_outside, "gate", "--root", "../repo/evidence/..", "--as-of", "2026-11-23T12:00:00Z", "--format", "json");
        Assert.Equal(ExitCodes.Clean, plain.ExitCode);
        Assert.Equal(plain.Out, dotted.Out);
    }

    /// <summary>
    /// <c>--attest FILE</c> is an output the operator names (CI writes it to the runner's temp folder), not evidence: it
    /// may be outside the root. It never comes from evidence, and an existing different file is replaced atomically.
    /// </summary>
    [Fact]
    public void Given_an_attest_path_outside_the_root_When_gated_Then_written_there_and_nothing_else_changes()
    {
        var attest = Path.Combine(_outside, "gate.intoto.json");
        var before = Snapshot();
        var run = CliRunner.Run(_root, "gate", "--root", _root, "--as-of", "2026-11-23T12:00:00Z", "--attest", attest);
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        var after = Snapshot();
        Assert.Equal([attest], after.Keys.Except(before.Keys));
        Assert.All(before, kv => Assert.Equal(kv.Value, after[kv.Key]));
    }

    [Fact]
    public void Given_a_generated_file_that_is_a_symlink_to_a_file_outside_When_its_writer_runs_Then_refused_and_the_outside_file_is_untouched()
    {
        const string manifest = "evidence/manifests/q1_2027_meta_w02.json";
        var victim = Path.Combine(_outside, "passwd");
        File.Delete(Path.Combine(_root, manifest));
        File.CreateSymbolicLink(Path.Combine(_root, manifest), victim);
        var before = File.ReadAllBytes(victim);
        var run = CliRunner.Run(_root, "manifest", "--root", _root, "--week", "q1_2027_meta_w02");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains($"{manifest}:1:1: error file_rejected: is a symlink to", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(victim));
        Assert.NotNull(new FileInfo(Path.Combine(_root, manifest)).LinkTarget);
    }
}
