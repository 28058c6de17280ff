using System.Collections.Immutable;
using System.Text;
using EvidenceTasks.Core;
using EvidenceTasks.Core.History;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.History;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.IO.Reporting;
using EvidenceTasks.Tests.Support;
using LibGit2Sharp;
using Xunit.Abstractions;

namespace EvidenceTasks.Tests.History;

/// <summary>
/// The incremental <see cref="Replayer"/> against the straightforward reference: load every commit's whole tree and run
/// the rules on all of it. Random histories over the bundled evidence (tampered, broken, deleted and restored files of
/// every kind, names equal ignoring case, symlinks, stray files, whole folders removed and restored, side branches and
/// merges) must give the same verdicts, commit by commit.
/// </summary>
public class ReplayEquivalenceTests(ITestOutputHelper output)
{
    private static readonly string[] Roots = ["governance", "roster", "evidence"];

    /// <summary>Every recorded-hash rule, and only the two whose scope is narrower than everything (no budget, no readback).</summary>
    public static TheoryData<int, bool> Seeds() => new() { { 1, true }, { 2, true }, { 3, true }, { 4, false }, { 5, false }, { 6, false } };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Given_a_random_history_When_replayed_incrementally_Then_it_equals_judging_every_whole_tree(int seed, bool allRules)
    {
        IRecordedHashRule[] rules = allRules ? [.. GateRules.All.OfType<IRecordedHashRule>()] : [new ReceiptHashRule(), new ManifestHashRule()];
        using var files = TempEvidenceRepo.WithBundledEvidence();
        using var repo = files.InitGit();
        var history = RandomHistory(files, repo, new Random(seed), commits: 24);

        using var git = GitEvidenceHistory.Open(files.Root)!;
        var head = git.Head!;
        var walk = git.Walk(head);
        Assert.Contains(walk, c => c.ParentShas.Length == 2);
        foreach (var from in new[] { null, walk[walk.Count / 2] })
        {
            var incremental = new Replayer(EvidenceLoader.Default, rules).Run(git, head, from, new LoadCache());
            var reference = FullReplay(git, head, from, rules);
            Assert.Equal(Describe(reference), Describe(incremental));
            Assert.True(incremental.BlobsParsed <= reference.BlobsParsed);
            if (from is null)
            {
                output.WriteLine($"seed {seed}: {history}; {incremental.SummaryLine}, {incremental.BlobsParsed} blobs parsed of {reference.BlobsParsed}");
                // A history in which nothing fails, or nothing passes, would prove little.
                Assert.InRange(incremental.Failed, 1, incremental.Artifacts.Length - 1);
            }
        }
    }

    /// <summary>Everything a replay reports, as text, so a difference reads as one.</summary>
    private static string Describe(ReplayResult r) => string.Join('\n',
        new[] { $"{r.Commits} commits, {r.DistinctEvidenceTrees} trees, {r.SummaryLine}" }.Concat(r.Artifacts.Select(a =>
            $"{a.Path} introduced {a.Introduced.Sha[..8]} present {a.CommitsPresent} verified {a.CommitsVerified}"
            + (a.FirstFailure is { } f ? $" fails at {f.Commit.Sha[..8]}: {GateReport.Line(f.Finding)}" : string.Empty))));

    /// <summary>The reference: every commit's whole tree loaded and judged, as replay did before it was incremental.</summary>
    private static ReplayResult FullReplay(IEvidenceHistory history, HistoryCommit to, HistoryCommit? from, IReadOnlyList<IRecordedHashRule> rules)
    {
        var cache = new LoadCache();
        var commits = history.Walk(to, from);
        var states = new SortedDictionary<string, (HistoryCommit Introduced, int Present, int Verified, ReplayFailure? Failure)>(StringComparer.Ordinal);
        foreach (var commit in commits)
        {
            var tree = history.TreeOf(commit);
            var loaded = EvidenceLoader.Default.Load(tree, cache);
            var failures = new Dictionary<string, Finding>(StringComparer.Ordinal);
            var context = new GateContext(commit.CommitTime);
            foreach (var f in loaded.Findings.Concat(rules.SelectMany(r => r.Evaluate(loaded.Evidence, context))).Where(f => f.Blocks).Order(Finding.ReportOrder))
                failures.TryAdd(f.Location.Path, f);
            foreach (var path in tree.Enumerate(new List<Finding>()).Select(e => e.Path).Where(Replayer.IsArtifact))
            {
                var s = states.TryGetValue(path, out var known) ? known : (commit, 0, 0, null);
                var failure = failures.TryGetValue(path, out var finding) ? finding : null;
                states[path] = (s.Introduced, s.Present + 1, s.Verified + (failure is null ? 1 : 0), s.Failure ?? (failure is null ? null : new ReplayFailure(commit, failure)));
            }
        }
        return new ReplayResult(from, to, commits.Count, commits.Select(history.EvidenceKey).Distinct().Count(), cache.Misses,
            [.. states.Select(s => new ArtifactVerdict(s.Key, s.Value.Introduced, s.Value.Present, s.Value.Verified, s.Value.Failure))]);
    }

    /// <summary>Commits <paramref name="commits"/> random edits (one to three each) of the bundled evidence; returns a tally of what it did.</summary>
    private static string RandomHistory(TempEvidenceRepo files, Repository repo, Random random, int commits)
    {
        var originals = ListFiles(files.Root).ToDictionary(p => p, p => File.ReadAllBytes(files.PathOf(p)), StringComparer.Ordinal);
        var artifacts = originals.Keys.Where(Replayer.IsArtifact).ToArray();
        var tally = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var when = TempEvidenceRepo.FixedDate;
        var main = new List<Commit> { Commit(files, repo, "bundled evidence", when, []) };
        for (var i = 1; i < commits; i++)
        {
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var op = Edit(files, random, originals, artifacts);
                tally[op] = tally.GetValueOrDefault(op) + 1;
            }
            when = when.AddHours(1);
            if (i % 6 == 3)
            {
                // A side branch from an older commit, with an edit of its own, merged back: the walk then visits commits
                // whose parent is not the commit walked before them.
                var older = main[random.Next(main.Count)];
                var tree = TreeDefinition.From(older.Tree);
                var path = artifacts[random.Next(artifacts.Length)];
                tree.Add(path, repo.ObjectDatabase.CreateBlob(new MemoryStream(ChangeOneDigit(originals[path], random))), Mode.NonExecutableFile);
                var sig = TempEvidenceRepo.Signer(when);
                var side = repo.ObjectDatabase.CreateCommit(sig, sig, $"side {i}", repo.ObjectDatabase.CreateTree(tree), [older], false);
                main.Add(Commit(files, repo, $"merge {i}", when, [main[^1], side]));
                tally["merge"] = tally.GetValueOrDefault("merge") + 1;
            }
            else
            {
                main.Add(Commit(files, repo, $"commit {i}", when, [main[^1]]));
            }
        }
        return string.Join(", ", tally.Select(t => $"{t.Key} {t.Value}"));
    }

    /// <summary>
    /// Commits the working tree with a fixed signature. Staged by the git command line: LibGit2Sharp's staging refuses a
    /// file that became a symlink.
    /// </summary>
    private static Commit Commit(TempEvidenceRepo files, Repository repo, string message, DateTimeOffset when, Commit[] parents)
    {
        GitScenario.Git(files.Root, "add", "--all");
        var tree = repo.Lookup<Tree>(GitScenario.Git(files.Root, "write-tree").Trim());
        var sig = TempEvidenceRepo.Signer(when);
        var commit = repo.ObjectDatabase.CreateCommit(sig, sig, message, tree, parents, false);
        repo.Refs.Add("refs/heads/main", commit.Id, allowOverwrite: true);
        repo.Refs.UpdateTarget(repo.Refs.Head, "refs/heads/main");
        return commit;
    }

    /// <summary>One random edit of the working tree; returns its name.</summary>
    private static string Edit(TempEvidenceRepo files, Random random, IReadOnlyDictionary<string, byte[]> originals, string[] artifacts)
    {
        var present = ListFiles(files.Root);
        var any = present.Length > 0 ? present[random.Next(present.Length)] : artifacts[0];
        var artifact = artifacts[random.Next(artifacts.Length)];
        var original = originals.Keys.ElementAt(random.Next(originals.Count));
        switch (random.Next(10))
        {
            case 0 or 1:
                var current = new FileInfo(files.PathOf(any)).LinkTarget is null ? File.ReadAllBytes(files.PathOf(any)) : originals.GetValueOrDefault(any, "x"u8.ToArray());
                Write(files, any, ChangeOneDigit(current, random));
                return "tamper";
            case 2:
                Write(files, artifact, ChangeOneDigit(originals[artifact], random));
                return "tamper artifact";
            case 3:
                Write(files, original, originals[original]);
                return "restore";
            case 4:
                File.Delete(files.PathOf(any));
                return "delete";
            case 5:
                Write(files, any, "{ not json\n"u8.ToArray());
                return "break";
            case 6:
                // The same name in another case, in the same folder or in a folder whose name differs only in case.
                var slash = artifact.LastIndexOf('/');
                var twin = random.Next(2) == 0
                    ? artifact[..(slash + 1)] + artifact[(slash + 1)..].ToUpperInvariant()
                    : "evidence/" + char.ToUpperInvariant(artifact[9]) + artifact[10..];
                Write(files, twin, originals[artifact]);
                return "case twin";
            case 7:
                var folder = Path.GetDirectoryName(original)!;
                if (random.Next(2) == 0)
                {
                    foreach (var p in present.Where(p => p.StartsWith(folder + "/", StringComparison.Ordinal))) File.Delete(files.PathOf(p));
                    return "delete folder";
                }
                foreach (var p in originals.Keys.Where(p => p.StartsWith(folder + "/", StringComparison.Ordinal))) Write(files, p, originals[p]);
                return "restore folder";
            case 8:
                var stray = new[] { "evidence/junk/notes.txt", "roster/slots/notes.txt", "evidence/attendance/README.md", "governance/notes.yml" }[random.Next(4)];
                Write(files, stray, Encoding.UTF8.GetBytes($"stray {random.Next()}\n"));
                return "stray file";
            default:
                File.Delete(files.PathOf(artifact));
                File.CreateSymbolicLink(files.PathOf(artifact), "../../README.md");
                return "symlink";
        }
    }

    /// <summary>One digit changed (or a space added): often a valid file with a different value, sometimes one the schema refuses.</summary>
    internal static byte[] ChangeOneDigit(byte[] bytes, Random random)
    {
        var digits = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] is >= (byte)'0' and <= (byte)'9').ToArray();
        if (digits.Length == 0) return [.. bytes, (byte)' '];
        var copy = bytes.ToArray();
        var at = digits[random.Next(digits.Length)];
        copy[at] = (byte)('0' + (copy[at] - '0' + 1 + random.Next(9)) % 10);
        return copy;
    }

    private static void Write(TempEvidenceRepo files, string path, byte[] bytes)
    {
        var full = files.PathOf(path);
        if (new FileInfo(full).LinkTarget is not null) File.Delete(full);
        files.WriteBytes(path, bytes);
    }

    private static string[] ListFiles(string root) => Roots
        .Where(r => Directory.Exists(Path.Combine(root, r)))
        .SelectMany(r => Directory.EnumerateFiles(Path.Combine(root, r), "*", SearchOption.AllDirectories))
        .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)
        .ToArray();
}
