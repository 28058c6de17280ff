using System.Text.Json.Nodes;
using EvidenceTasks.Cli;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Cli;

public class GateVerbTests
{
    [Fact]
    public void Given_valid_evidence_When_gated_Then_exit_0_and_clean_summary_with_as_of()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        var run = CliRunner.Run(repo.Root, "gate", "--as-of", "2027-01-01T00:00:00Z");
        Assert.Equal(ExitCodes.Clean, run.ExitCode);
        Assert.Equal($"gate: clean at as_of 2027-01-01T00:00:00Z over {KindSamples.ValidFiles.Count} files: nothing blocks", run.Out.Trim());
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Given_no_as_of_When_gated_Then_the_clock_chooses_it_and_the_output_records_it()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        var run = CliRunner.Run(repo.Root, "gate");
        Assert.Contains("as_of 2026-11-23T12:00:00Z", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_date_as_of_When_gated_Then_midnight_utc_is_used()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        Assert.Contains("as_of 2027-01-15T00:00:00Z", CliRunner.Run(repo.Root, "gate", "--as-of", "2027-01-15").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_broken_files_When_gated_Then_exit_1_and_one_line_each_with_file_line_reason_and_fix()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write("evidence/carve-outs/co-1.yaml", "carve_out_id: co-1\nrubric_dimension:\t5\n  \tx: 1\n")
            .Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: blocker");
        var run = CliRunner.Run(repo.Root, "--root", repo.Root, "gate");
        Assert.Equal(ExitCodes.Usage, run.ExitCode); // options belong after the verb

        run = CliRunner.Run(repo.Root, "gate", "--root", repo.Root, "--as-of", "2027-01-01T00:00:00Z");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Equal(
            [
                "evidence/carve-outs/co-1.yaml:3:3: error parse_error: tab used for indentation (fix: Indent with spaces only; YAML forbids tabs in indentation.)",
                "evidence/deficiencies/def-1.yaml:6:1: error schema_invalid: severity: \"blocker\" is not one of cert_blocking, major, minor (fix: Write one of: cert_blocking, major, minor (schemas/deficiency-ticket.schema.json))",
                "gate: blocked at as_of 2027-01-01T00:00:00Z over 11 files: 2 errors, 0 warnings",
            ],
            run.OutLines);
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_findings_When_format_json_Then_the_documented_shape()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: blocker");
        var run = CliRunner.Run(repo.Root, "gate", "--format", "json", "--as-of", "2027-01-01T00:00:00Z");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        var doc = JsonNode.Parse(run.Out)!;
        Assert.Equal("2027-01-01T00:00:00Z", doc["as_of"]!.GetValue<string>());
        Assert.True(doc["blocked"]!.GetValue<bool>());
        var f = Assert.Single(doc["findings"]!.AsArray())!;
        Assert.Equal(["reason", "severity", "path", "line", "column", "message", "fix"], f.AsObject().Select(p => p.Key));
        Assert.Equal("schema_invalid", f["reason"]!.GetValue<string>());
        Assert.Equal("error", f["severity"]!.GetValue<string>());
        Assert.Equal("evidence/deficiencies/def-1.yaml", f["path"]!.GetValue<string>());
        Assert.Equal(6, f["line"]!.GetValue<int>());
        Assert.Equal(1, f["column"]!.GetValue<int>());
    }

    [Fact]
    public void Given_github_actions_When_gated_Then_annotations_first_and_job_summary_written()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: blocker");
        var summary = repo.PathOf("summary.md");
        var env = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };
        var run = CliRunner.Run(repo.Root, env, "gate", "--as-of", "2027-01-01T00:00:00Z");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.StartsWith("::error file=evidence/deficiencies/def-1.yaml,line=6,col=1,title=schema_invalid::severity: \"blocker\" is not one of", run.OutLines[0], StringComparison.Ordinal);
        var md = File.ReadAllText(summary);
        Assert.StartsWith("## Evidence gate: blocked", md, StringComparison.Ordinal);
        Assert.Contains("| error | `schema_invalid` | `evidence/deficiencies/def-1.yaml:6:1` |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_more_findings_than_github_shows_When_gated_Then_errors_are_annotated_first_and_the_rest_noted()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        for (var i = 0; i < 12; i++) repo.Write($"evidence/carve-outs/bad-{i:00}.yaml", "a: 1\na: 2\n");
        var run = CliRunner.Run(repo.Root, "gate", "--format", "github", "--as-of", "2027-01-01T00:00:00Z");
        var annotations = run.OutLines.Where(l => l.StartsWith("::error", StringComparison.Ordinal)).ToArray();
        Assert.Equal(10, annotations.Length);
        Assert.Contains(run.OutLines, l => l.StartsWith("::notice title=more findings::2 more findings", StringComparison.Ordinal));
        Assert.Equal(12, run.OutLines.Count(l => l.Contains(": error parse_error:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Given_format_markdown_When_gated_Then_a_table_of_findings()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write("evidence/carve-outs/co-1.yaml", "a: 1\na: 2\n");
        var run = CliRunner.Run(repo.Root, "gate", "--format", "markdown", "--as-of", "2027-01-01T00:00:00Z");
        Assert.Contains("| error | `parse_error` | `evidence/carve-outs/co-1.yaml:2:1` | duplicate key 'a' |", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_same_input_When_gated_twice_Then_output_is_byte_identical()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        for (var i = 0; i < 20; i++) repo.Write($"evidence/carve-outs/bad-{i:00}.yaml", "a: 1\na: 2\n");
        var first = CliRunner.Run(repo.Root, "gate", "--format", "json", "--as-of", "2027-01-01T00:00:00Z").Out;
        var second = CliRunner.Run(repo.Root, "gate", "--format", "json", "--as-of", "2027-01-01T00:00:00Z").Out;
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("gate", "--as-of", "yesterday")]
    [InlineData("gate", "--format", "xml")]
    [InlineData("gate", "--no-such-option")]
    [InlineData("no-such-verb")]
    [InlineData("gate", "--root", "/definitely/not/here")]
    public void Given_a_bad_command_line_When_run_Then_exit_2_with_a_usage_line(params string[] args)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        var run = CliRunner.Run(repo.Root, args);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("evidence-tasks: usage:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_folder_without_evidence_When_gated_Then_usage_error_not_a_silent_pass()
    {
        using var empty = new TempEvidenceRepo();
        var run = CliRunner.Run(empty.Root, "gate");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("no evidence under", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_validate_When_run_Then_only_file_checks_apply()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write("roster/slots/w2.yaml", repo.Read("roster/slots/w1.yaml").Replace("cert_window_id: w1", "cert_window_id: w2", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Clean, CliRunner.Run(repo.Root, "validate").ExitCode);
        Assert.Equal(ExitCodes.Blocked, CliRunner.Run(repo.Root, "gate").ExitCode); // the duplicated slot id is a gate rule
    }
}

public class MalformedYamlGateTests
{
    [Theory]
    [InlineData("tab indent", "evidence/deficiencies/def-0001.yaml", "deficiency_id: def-0001\n\tstatus: open\n", 2, "tab used for indentation")]
    [InlineData("duplicate key", "evidence/deficiencies/def-0001.yaml", "deficiency_id: def-0001\ndeficiency_id: def-0001\n", 2, "duplicate key 'deficiency_id'")]
    [InlineData("unclosed quote", "evidence/deficiencies/def-0001.yaml", "deficiency_id: \"def-0001\nstatus: open\n", 0, "YAML syntax")]
    [InlineData("alias bomb", "roster/cert_windows.yaml", "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", 1, "anchor '&a' is not allowed")]
    public void Given_a_copy_of_the_bundled_evidence_with_malformed_yaml_When_gated_Then_one_line_exit_1_no_trace(string _, string path, string content, int line, string expected)
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        repo.Write(path, content);
        var run = CliRunner.Run(Path.GetTempPath(), "gate", "--root", repo.Root, "--as-of", "2026-11-23T12:00:00Z");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        var errors = run.OutLines.Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToArray();
        var only = Assert.Single(errors, l => l.StartsWith(path + ":", StringComparison.Ordinal));
        Assert.Contains("error parse_error: " + expected, only, StringComparison.Ordinal);
        if (line > 0) Assert.StartsWith($"{path}:{line}:", only, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
    }
}
