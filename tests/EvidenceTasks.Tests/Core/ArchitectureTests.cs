using System.Text.RegularExpressions;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core;

/// <summary>The core stays pure: no file system, clock, console, environment or git; those live in IO/ and Cli/.</summary>
public partial class ArchitectureTests
{
    [GeneratedRegex(@"\b(System\.IO|File\.|Directory\.|DateTime(Offset)?\.(Utc)?Now|SystemClock|LibGit2Sharp|Console\.|Environment\.)")]
    private static partial Regex ImpureApi();

    // File names such as "Directory.Build.props" in string literals are data, not API calls.
    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [Fact]
    public void Given_the_core_sources_When_scanned_Then_none_touches_io_clock_or_git()
    {
        var core = Path.Combine(TempEvidenceRepo.RepositoryRoot, "src/EvidenceTasks/Core");
        var offenders = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(core, f), Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && !l.Text.TrimStart().StartsWith("///", StringComparison.Ordinal))
            .Where(l => ImpureApi().IsMatch(StringLiteral().Replace(l.Text, "\"\"")))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Core must stay pure:\n" + string.Join("\n", offenders));
    }
}
