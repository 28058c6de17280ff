using System.Diagnostics;
using System.Text;
using EvidenceTasks.Cli;
using EvidenceTasks.Core;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;
using Xunit.Abstractions;

namespace EvidenceTasks.Tests.Hostile;

/// <summary>
/// Resource limits beyond LoaderFuzzTests' alias bomb, long scalar and node limit: deep nesting in YAML and JSON is
/// refused with one located finding (no stack overflow), and a huge NUMBER of files is not capped (issue 7 benchmarks
/// 100k files) but costs linear time, with every file judged on its own (docs/security.md "Resource limits").
/// </summary>
public class ResourceLimitTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(LoadLimits.MaxDepth + 1)]
    [InlineData(100_000)]
    public void Given_deeply_nested_yaml_When_parsed_Then_one_parse_error_at_the_too_deep_node(int depth)
    {
        var text = "a: " + new string('[', depth) + new string(']', depth) + "\n";
        var outcome = YamlDocumentParser.Parse("deep.yaml", text);
        var f = Assert.Single(outcome.Findings);
        Assert.Equal(BlockReason.ParseError, f.Reason);
        Assert.Equal(1, f.Location.Line);
    }

    [Fact]
    public void Given_deeply_nested_block_yaml_When_parsed_Then_refused_with_a_finding()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < LoadLimits.MaxDepth + 5; i++) sb.Append(new string(' ', i * 2)).Append('k').Append(i).Append(":\n");
        sb.Append(new string(' ', (LoadLimits.MaxDepth + 5) * 2)).Append("leaf: 1\n");
        var f = Assert.Single(YamlDocumentParser.Parse("deep.yaml", sb.ToString()).Findings);
        Assert.Contains("nesting deeper than", f.Message, StringComparison.Ordinal);
        Assert.True(f.Location.Line > LoadLimits.MaxDepth - 2, f.ToString());
    }

    [Theory]
    [InlineData(LoadLimits.MaxDepth + 1)]
    [InlineData(100_000)]
    public void Given_deeply_nested_json_When_parsed_Then_one_parse_error(int depth)
    {
        var bytes = Encoding.UTF8.GetBytes("{\"a\":" + new string('[', depth) + new string(']', depth) + "}");
        var f = Assert.Single(JsonDocumentParser.Parse("deep.json", bytes).Findings);
        Assert.Equal(BlockReason.ParseError, f.Reason);
        Assert.Equal(1, f.Location.Line);
    }

    [Fact]
    public void Given_thousands_of_files_in_one_folder_When_gated_Then_each_is_judged_and_the_run_is_bounded()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("EVIDENCE_MANY_FILES"), out var n) ? n : 1000;
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        var template = repo.Read("evidence/carve-outs/co-0001.yaml");
        for (var i = 0; i < count; i++)
        {
            var id = $"co-{10000 + i}";
            repo.Write($"evidence/carve-outs/{id}.yaml", template.Replace("co-0001", id, StringComparison.Ordinal));
            repo.Write($"evidence/carve-outs/junk-{i}.txt", "not evidence\n");
        }
        var clock = Stopwatch.StartNew();
        var run = CliRunner.Run(repo.Root, "gate", "--root", repo.Root, "--as-of", "2026-11-23T12:00:00Z", "--format", "text");
        clock.Stop();
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        var errors = run.OutLines.Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToList();
        Assert.Equal(count, errors.Count);
        Assert.All(errors, l => Assert.Matches(@"^evidence/carve-outs/junk-\d+\.txt:1:1: error file_rejected: ", l));
        Assert.Contains($"over {63 + 2 * count} files", run.Out, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"{2 * count} extra files took {clock.Elapsed}");
        FuzzHarness.Report(output, $"many files: {2 * count} extra files in one folder gated in {clock.ElapsedMilliseconds} ms, {count} file_rejected, 0 other errors");
    }

    [Theory]
    [InlineData("9999-12-27T00:00:00Z")]
    [InlineData("9000-01-01T00:00:00Z")]
    [InlineData("1899-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    public void Given_an_instant_outside_the_years_1900_to_8999_When_loaded_Then_a_finding_at_that_field_and_no_rule_crashes(string instant)
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        const string week = "roster/handoff_weeks/q4_2026_steam_w43.yaml";
        repo.Replace(week, "week_starts_utc: 2026-10-19T00:00:00Z", $"week_starts_utc: {instant}");
        var loaded = EvidenceLoader.Default.Load(repo.Root);
        var f = Assert.Single(loaded.Findings, f => f.Location.Path == week);
        Assert.Equal(4, f.Location.Line);
        Assert.Contains("between 1900 and 8999", f.Message, StringComparison.Ordinal);
        var run = CliRunner.Run(repo.Root, "gate", "--root", repo.Root, "--as-of", "2026-11-23T12:00:00Z");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains($"{week}:4:", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8999-12-31T23:59:59Z", true)]
    [InlineData("1900-01-01T00:00:00Z", true)]
    [InlineData("9000-01-01T00:00:00Z", false)]
    [InlineData("1899-12-31T23:59:59Z", false)]
    public void Given_the_ends_of_the_accepted_range_When_parsed_Then_inclusive_1900_exclusive_9000(string text, bool accepted) =>
        Assert.Equal(accepted, Timestamps.TryParse(text, out _));
}
