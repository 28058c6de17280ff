using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO.History;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.IO.Reporting;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.History;

/// <summary>
/// Each recorded-hash rule's <see cref="RecordedHashScope"/> is true: on the bundled evidence and on variants of it with
/// random digits changed, files broken or deleted, the rule run on one judged file plus the parts it declares it reads
/// reports at that file exactly what it reports there on the whole repository, and it never reports elsewhere.
/// Replay relies on this to judge an artifact again only when something it reads changed.
/// </summary>
public class RecordedHashScopeTests
{
    [Fact]
    public void Given_each_recorded_hash_rule_When_run_on_only_what_its_scope_names_Then_its_findings_are_those_on_the_whole_repository()
    {
        var rules = GateRules.All.OfType<IRecordedHashRule>().ToArray();
        var findingsByRule = rules.ToDictionary(r => r, _ => 0);
        var random = new Random(7);
        for (var variant = 0; variant < 20; variant++)
        {
            using var repo = TempEvidenceRepo.WithBundledEvidence();
            var files = Directory.EnumerateFiles(repo.Root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(repo.Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
            for (var edits = variant == 0 ? 0 : random.Next(1, 4); edits > 0; edits--)
            {
                // Half the edits hit an artifact, so that every rule has something to report.
                var artifacts = files.Where(Replayer.IsArtifact).ToArray();
                var path = random.Next(2) == 0 ? artifacts[random.Next(artifacts.Length)] : files[random.Next(files.Length)];
                if (!File.Exists(repo.PathOf(path))) continue;
                switch (random.Next(6))
                {
                    case 0: repo.Delete(path); break;
                    case 1: repo.Write(path, "{ not json\n"); break;
                    default: repo.WriteBytes(path, ReplayEquivalenceTests.ChangeOneDigit(File.ReadAllBytes(repo.PathOf(path)), random)); break;
                }
            }
            var whole = EvidenceLoader.Default.Load(repo.Root).Evidence;
            var context = new GateContext(NodaTime.Instant.FromUtc(2026, 11, 23, 12, 0));
            foreach (var rule in rules)
            {
                var scope = rule.Scope;
                var all = rule.Evaluate(whole, context).ToList();
                findingsByRule[rule] += all.Count;
                Assert.All(all, f => Assert.NotEqual(EvidenceParts.None, EvidencePartLayout.Of(f.Location.Path) & scope.Judges));
                var judged = whole.FileSha256.Keys.Concat(whole.UnreadablePaths).Where(p => (EvidencePartLayout.Of(p) & scope.Judges) != 0).Distinct();
                foreach (var file in judged)
                {
                    var alone = Restrict(whole, p => p == file || scope.Reads == EvidenceParts.All || (EvidencePartLayout.Of(p) & scope.Reads) != 0);
                    Assert.Equal(Lines(all, file), Lines(rule.Evaluate(alone, context), file));
                }
            }
        }
        // Every rule reported something in some variant, so the comparison above was never between two empty lists only.
        Assert.All(findingsByRule, r => Assert.True(r.Value > 0, $"{r.Key.GetType().Name} never reported"));
    }

    private static string[] Lines(IEnumerable<Finding> findings, string file) =>
        [.. findings.Where(f => f.Location.Path == file).Select(f => $"{f.Severity} {GateReport.Line(f)}")];

    /// <summary>The whole set cut down to the files <paramref name="keep"/> accepts, built independently of replay's own assembly.</summary>
    private static EvidenceSet Restrict(EvidenceSet e, Func<string, bool> keep) => new()
    {
        Rubrics = [.. e.Rubrics.Where(x => keep(x.Origin.Path))],
        Allocator = e.Allocator is { } a && keep(a.Origin.Path) ? a : null,
        CertWindows = [.. e.CertWindows.Where(x => keep(x.Origin.Path))],
        HandoffWeeks = [.. e.HandoffWeeks.Where(x => keep(x.Origin.Path))],
        Slots = [.. e.Slots.Where(x => keep(x.Origin.Path))],
        Receipts = [.. e.Receipts.Where(x => keep(x.Origin.Path))],
        Logs = [.. e.Logs.Where(x => keep(x.Origin.Path))],
        Deficiencies = [.. e.Deficiencies.Where(x => keep(x.Origin.Path))],
        CarveOuts = [.. e.CarveOuts.Where(x => keep(x.Origin.Path))],
        SprintBudgets = [.. e.SprintBudgets.Where(x => keep(x.Origin.Path))],
        Manifests = [.. e.Manifests.Where(x => keep(x.Origin.Path))],
        IcsHolds = [.. e.IcsHolds.Where(x => keep(x.Origin.Path))],
        Readbacks = [.. e.Readbacks.Where(x => keep(x.Origin.Path))],
        FileSha256 = e.FileSha256.Where(f => keep(f.Key)).ToImmutableSortedDictionary(StringComparer.Ordinal),
        UnreadablePaths = e.UnreadablePaths.Where(keep).ToImmutableHashSet(StringComparer.Ordinal),
    };
}
