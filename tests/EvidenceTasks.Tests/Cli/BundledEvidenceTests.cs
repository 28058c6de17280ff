using EvidenceTasks.Cli;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Cli;

/// <summary>The repository is itself an evidence repository and must pass its own gate.</summary>
public class BundledEvidenceTests
{
    [Fact]
    public void Given_the_bundled_evidence_When_gated_Then_nothing_blocks()
    {
        var run = CliRunner.Run(TempEvidenceRepo.RepositoryRoot, "gate", "--as-of", "2026-11-23T12:00:00Z");
        Assert.True(run.ExitCode == ExitCodes.Clean, run.Out + run.Error);
        Assert.DoesNotContain(": error ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_bundled_evidence_When_loaded_Then_every_kind_the_foundation_requires_is_present()
    {
        var loaded = EvidenceLoader.Default.Load(TempEvidenceRepo.RepositoryRoot);
        var e = loaded.Evidence;
        Assert.Empty(loaded.Findings);
        Assert.True(e.CertWindows.Length >= 2);
        Assert.Contains(e.HandoffWeeks, w => w.UsBusinessTz == "America/Los_Angeles" && w.EuBusinessTz == "Europe/Berlin" && w.AsiaBusinessTz == "Asia/Tokyo");
        Assert.All(e.Slots.Where(s => s.IsLocked), s => Assert.Equal(4, s.Bindings.Length));
        Assert.Contains(e.Receipts, r => r.AttendanceStatus == "completed");
        Assert.Contains(e.Receipts, r => r.AttendanceStatus == "no_show");
        Assert.Contains(e.Logs, l => l.Status == "scored");
        Assert.Contains(e.Logs, l => l.Status == "draft");
        Assert.Equal(["cert_blocking", "major", "minor"], e.Deficiencies.Select(d => d.Severity).Distinct().Order());
        Assert.Equal(["carved_out", "open", "resolved", "withdrawn"], e.Deficiencies.Select(d => d.Status).Distinct().Order());
        Assert.NotEmpty(e.CarveOuts);
        var rubric = Assert.Single(e.Rubrics);
        Assert.Equal(7, rubric.Dimensions.Length);
        Assert.Equal(100m, rubric.Dimensions.Sum(d => d.Weight));
        Assert.NotEmpty(rubric.FailureModeTags);
        Assert.NotNull(e.Allocator);
    }

    [Fact]
    public void Given_the_schemas_folder_When_compared_with_the_built_in_copy_Then_identical()
    {
        var files = Directory.GetFiles(Path.Combine(TempEvidenceRepo.RepositoryRoot, "schemas"), "*.schema.json")
            .Select(f => Path.GetFileName(f)[..^".schema.json".Length]).Order(StringComparer.Ordinal);
        Assert.Equal(files, SchemaSet.Names);
        foreach (var name in SchemaSet.Names)
            Assert.Equal(File.ReadAllText(Path.Combine(TempEvidenceRepo.RepositoryRoot, "schemas", name + ".schema.json")), SchemaSet.ReadEmbedded(name));
    }

    [Fact]
    public void Given_every_structured_kind_When_listed_Then_it_has_a_built_in_schema() =>
        Assert.All(EvidenceLayout.Kinds.Where(k => k.Schema is not null), k => Assert.Contains(k.Schema!, SchemaSet.Names));
}
