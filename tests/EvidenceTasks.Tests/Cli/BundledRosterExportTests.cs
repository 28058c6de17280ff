using EvidenceTasks.Cli;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Cli;

/// <summary>The bundled ICS holds and manifests are what the verbs write, and the roster passes the gate on any date of its windows.</summary>
public class BundledRosterExportTests
{
    [Fact]
    public void Given_the_bundled_evidence_When_ics_and_manifest_run_again_Then_nothing_changes()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        var before = Directory.EnumerateFiles(repo.PathOf("evidence"), "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);
        var ics = CliRunner.Run(repo.Root, "ics");
        var manifest = CliRunner.Run(repo.Root, "manifest");
        Assert.Equal(ExitCodes.Clean, ics.ExitCode);
        Assert.EndsWith(": nothing to do, every file is up to date", ics.OutLines[^1], StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Clean, manifest.ExitCode);
        Assert.EndsWith(": nothing to do, every file is up to date", manifest.OutLines[^1], StringComparison.Ordinal);
        foreach (var (path, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(before.Count, Directory.EnumerateFiles(repo.PathOf("evidence"), "*", SearchOption.AllDirectories).Count());
    }

    [Theory]
    [InlineData("2026-08-12T00:00:00Z")]
    [InlineData("2026-11-01T00:00:00Z")]
    [InlineData("2027-01-04T00:00:00Z")]
    [InlineData("2027-01-14T22:30:00Z")]
    [InlineData("2027-01-27T00:00:00Z")]
    [InlineData("2027-02-15T00:00:00Z")]
    public void Given_the_bundled_evidence_When_gated_inside_its_windows_Then_nothing_blocks(string asOf)
    {
        var run = CliRunner.Run(TempEvidenceRepo.RepositoryRoot, "gate", "--as-of", asOf);
        Assert.True(run.ExitCode == ExitCodes.Clean, run.Out);
    }
}
