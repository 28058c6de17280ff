using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Loading;

public class EvidenceLoaderTests
{
    private static LoadResult Load(TempEvidenceRepo repo) => EvidenceLoader.Default.Load(repo.Root);

    public static TheoryData<string> SamplePaths => new(KindSamples.ValidFiles.Keys);

    [Fact]
    public void Given_one_valid_file_of_every_kind_When_loaded_Then_no_findings_and_every_record_bound()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        var result = Load(repo);
        Assert.Empty(result.Findings);
        var e = result.Evidence;
        Assert.Single(e.Rubrics);
        Assert.NotNull(e.Allocator);
        Assert.Single(e.CertWindows);
        Assert.Single(e.HandoffWeeks);
        var slot = Assert.Single(e.Slots);
        Assert.Equal(4, slot.Bindings.Length);
        Assert.Equal("w1", slot.CertWindowId);
        Assert.Single(e.Receipts);
        Assert.Single(e.Logs);
        Assert.Single(e.Deficiencies);
        Assert.Single(e.CarveOuts);
        Assert.Single(e.SprintBudgets);
        Assert.Single(e.Manifests);
        Assert.Equal(KindSamples.ValidFiles.Count, result.FileCount);
    }

    [Theory]
    [MemberData(nameof(SamplePaths))]
    public void Given_an_unknown_field_When_loaded_Then_schema_invalid_at_that_line(string path)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        var original = repo.Read(path);
        string broken;
        int expectedLine;
        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            broken = "{\n  \"surprise_field\": 1,\n" + original[2..];
            expectedLine = 2;
        }
        else
        {
            broken = "surprise_field: 1\n" + original;
            expectedLine = 1;
        }
        repo.Write(path, broken);
        var f = Assert.Single(Load(repo).Findings);
        Assert.Equal(BlockReason.SchemaInvalid, f.Reason);
        Assert.Equal(path, f.Location.Path);
        Assert.Equal(expectedLine, f.Location.Line);
        Assert.Contains("surprise_field", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SamplePaths))]
    public void Given_a_file_that_is_not_an_object_When_loaded_Then_schema_invalid(string path)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write(path, path.EndsWith(".json", StringComparison.Ordinal) ? "[1, 2]\n" : "- 1\n- 2\n");
        var f = Assert.Single(Load(repo).Findings);
        Assert.Equal(BlockReason.SchemaInvalid, f.Reason);
        Assert.Equal(path, f.Location.Path);
    }

    [Theory]
    [InlineData("roster/slots/w1.yaml", "roster_status: locked", "roster_status: lockd", 14, "roster_status")]
    [InlineData("roster/slots/w1.yaml", "slot_starts_at_utc: 2027-01-15T01:00:00Z", "slot_starts_at_utc: 2027-01-15 01:00", 9, "slot_starts_at_utc")]
    [InlineData("roster/slots/w1.yaml", "slot_region: us", "slot_region: mars", 7, "slot_region")]
    [InlineData("roster/slots/w1.yaml", "panel_role: scribe", "panel_role: note_taker", 16, "panel_role")]
    [InlineData("evidence/deficiencies/def-1.yaml", "rubric_dimension: 5", "rubric_dimension: 9", 4, "rubric_dimension")]
    [InlineData("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: no", 6, "severity")]
    [InlineData("evidence/attendance/att-1.json", "\"attendance_status\": \"completed\"", "\"attendance_status\": \"done\"", 16, "attendance_status")]
    [InlineData("evidence/attendance/att-1.json", "\"ics_uid\": \"us_t14@cert.example\",\n", "", 1, "ics_uid")]
    [InlineData("governance/rubric/rubric_v9.yaml", "max_score: 4", "max_score: four", 2, "max_score")]
    [InlineData("evidence/sprint-budgets/2027-Q1-S01.json", "\"approved_by\": \"governance_owner\"", "\"approved_by\": 7", 13, "approved_by")]
    public void Given_a_wrong_value_When_loaded_Then_schema_invalid_at_its_line(string path, string from, string to, int line, string field)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(path, from, to);
        var f = Assert.Single(Load(repo).Findings);
        Assert.Equal(BlockReason.SchemaInvalid, f.Reason);
        Assert.Equal((path, line), (f.Location.Path, f.Location.Line));
        Assert.Contains(field, f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evidence/deficiencies/def-1.yaml", "resolved_dt_utc: 2027-01-18T10:00:00Z\n", "", "resolved_dt_utc")]
    [InlineData("evidence/deficiencies/def-1.yaml", "status: resolved", "status: open", "resolved_dt_utc")]
    [InlineData("evidence/deficiencies/def-1.yaml", "status: resolved\nresolved_dt_utc: 2027-01-18T10:00:00Z", "status: carved_out", "carve_out_id")]
    [InlineData("evidence/mock-audit-logs/log-1.json", "\"status\": \"draft\"", "\"status\": \"scored\"", "weighted_score")]
    [InlineData("evidence/carve-outs/co-1.yaml", "expires_dt_utc: 2027-06-30T00:00:00Z", "expires_dt_utc: 2026-06-30T00:00:00Z", "expires_dt_utc")]
    [InlineData("roster/handoff_weeks/w1_wk02.yaml", "eu_business_tz: Europe/Berlin", "eu_business_tz: Europe/Berlyn", "Europe/Berlyn")]
    [InlineData("roster/cert_windows.yaml", "opens_utc: 2027-01-04T00:00:00Z", "opens_utc: 2027-02-30T00:00:00Z", "not a real UTC instant")]
    [InlineData("governance/rubric/rubric_v9.yaml", "weight: 20}\n  - {rubric_dimension: 2", "weight: 21}\n  - {rubric_dimension: 2", "sum to 101")]
    [InlineData("governance/allocator.yaml", "rubric_dimensions: [1, 4]", "rubric_dimensions: [1]", "each rubric dimension")]
    public void Given_a_rule_the_schema_cannot_state_When_loaded_Then_schema_invalid(string path, string from, string to, string expected)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(path, from, to);
        var findings = Load(repo).Findings;
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal((BlockReason.SchemaInvalid, path), (f.Reason, f.Location.Path)));
        Assert.Contains(findings, f => f.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Given_an_id_that_is_not_the_file_name_When_loaded_Then_id_invalid_at_the_id_field()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace("evidence/carve-outs/co-1.yaml", "carve_out_id: co-1", "carve_out_id: co-2");
        var f = Assert.Single(Load(repo).Findings);
        Assert.Equal(BlockReason.IdInvalid, f.Reason);
        Assert.Equal(("evidence/carve-outs/co-1.yaml", 1), (f.Location.Path, f.Location.Line));
        Assert.Contains("does not match the file name", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_file_name_that_breaks_the_id_pattern_When_loaded_Then_id_invalid()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write("evidence/carve-outs/-bad id.yaml", repo.Read("evidence/carve-outs/co-1.yaml"));
        var f = Assert.Single(Load(repo).Findings);
        Assert.Equal(BlockReason.IdInvalid, f.Reason);
        Assert.Equal("evidence/carve-outs/-bad id.yaml", f.Location.Path);
    }

    [Fact]
    public void Given_two_files_differing_only_in_case_When_loaded_Then_both_refused()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write("evidence/carve-outs/CO-1.yaml", repo.Read("evidence/carve-outs/co-1.yaml").Replace("co-1", "CO-1", StringComparison.Ordinal));
        var findings = Load(repo).Findings;
        Assert.Equal(2, findings.Length);
        Assert.All(findings, f => Assert.Equal(BlockReason.IdInvalid, f.Reason));
    }

    [Fact]
    public void Given_duplicate_slot_ids_across_files_When_gated_Then_id_invalid_on_the_second()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write("roster/slots/w2.yaml", repo.Read("roster/slots/w1.yaml").Replace("cert_window_id: w1", "cert_window_id: w2", StringComparison.Ordinal).Replace("roster_slot_id: us_t14", "roster_slot_id: US_T14", StringComparison.Ordinal).Replace("ics_uid: us_t14@cert.example", "ics_uid: other@cert.example", StringComparison.Ordinal));
        var loaded = Load(repo);
        // Only the id rule: the copied slot also overlaps its original and names another window's week (roster rules).
        var result = Gate.Evaluate(loaded.Evidence, loaded.Findings, CliRunner.FixedNow, [new CrossFileIdRule()]);
        var f = Assert.Single(result.Findings);
        Assert.Equal(BlockReason.IdInvalid, f.Reason);
        Assert.Equal("roster/slots/w2.yaml", f.Location.Path);
        Assert.Contains("differs only in case", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evidence/attendance/notes.txt", "file is not part of the evidence layout")]
    [InlineData("governance/rubric/rubric_v9.yml", "file is not part of the evidence layout")]
    [InlineData("governance/extra.yaml", "file is not part of the evidence layout")]
    public void Given_a_file_outside_the_layout_When_loaded_Then_file_rejected(string path, string expected)
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write(path, "x: 1\n");
        var f = Assert.Single(Load(repo).Findings);
        Assert.Equal((BlockReason.FileRejected, path), (f.Reason, f.Location.Path));
        Assert.Contains(expected, f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_readme_and_gitkeep_files_When_loaded_Then_accepted_as_non_evidence()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write("evidence/README.md", "# notes\n").Write("evidence/ics/.gitkeep", string.Empty);
        Assert.Empty(Load(repo).Findings);
    }

    [Fact]
    public void Given_a_byte_order_mark_When_loaded_Then_file_rejected()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        var path = "evidence/carve-outs/co-1.yaml";
        repo.WriteBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(repo.Read(path))]);
        var f = Assert.Single(Load(repo).Findings);
        Assert.Equal(BlockReason.FileRejected, f.Reason);
        Assert.Contains("byte-order mark", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_invalid_utf8_When_loaded_Then_file_rejected_at_the_bad_byte()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.WriteBytes("evidence/carve-outs/co-1.yaml", [.. "carve_out_id: co-1\nrationale: caf"u8, 0xE9, .. "\n"u8]);
        var f = Assert.Single(Load(repo).Findings);
        Assert.Equal(BlockReason.FileRejected, f.Reason);
        Assert.Equal(2, f.Location.Line);
        Assert.Contains("UTF-8", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_file_over_one_mebibyte_When_loaded_Then_file_rejected_without_reading_it()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write("evidence/carve-outs/co-1.yaml", "rationale: " + new string('x', LoadLimits.MaxFileBytes) + "\n");
        var f = Assert.Single(Load(repo).Findings);
        Assert.Equal(BlockReason.FileRejected, f.Reason);
        Assert.Contains("over the", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_symlinked_file_When_loaded_Then_file_rejected()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        var outside = Path.Combine(Path.GetTempPath(), "evidence-tests-outside-" + Guid.NewGuid().ToString("n") + ".yaml");
        File.WriteAllText(outside, repo.Read("evidence/carve-outs/co-1.yaml"));
        try
        {
            repo.Delete("evidence/carve-outs/co-1.yaml");
            File.CreateSymbolicLink(repo.PathOf("evidence/carve-outs/co-1.yaml"), outside);
            var f = Assert.Single(Load(repo).Findings);
            Assert.Equal(BlockReason.FileRejected, f.Reason);
            Assert.Contains("symlink", f.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void Given_a_symlinked_directory_When_loaded_Then_refused_and_not_followed()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        using var other = KindSamples.WriteAll(new TempEvidenceRepo());
        Directory.CreateSymbolicLink(repo.PathOf("evidence/linked"), other.PathOf("evidence/carve-outs"));
        var f = Assert.Single(Load(repo).Findings);
        Assert.Equal((BlockReason.FileRejected, "evidence/linked"), (f.Reason, f.Location.Path));
    }

    [Fact]
    public void Given_several_broken_files_When_loaded_Then_every_one_is_reported()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Write("evidence/carve-outs/co-1.yaml", "a:\n\tb: 1\n")
            .Write("evidence/deficiencies/def-1.yaml", "a: 1\na: 2\n")
            .Write("evidence/attendance/att-1.json", "{\"a\": 1,}")
            .Write("roster/slots/w1.yaml", "a: &x 1\n");
        var result = Load(repo);
        Assert.Equal(4, result.Findings.Length);
        Assert.All(result.Findings, f => Assert.Equal(BlockReason.ParseError, f.Reason));
        Assert.Equal(4, result.Evidence.UnreadablePaths.Count);
    }
}

public class EmbeddedIdTests
{
    [Fact]
    public void Given_an_id_with_a_trailing_newline_When_loaded_Then_schema_invalid_though_the_regex_dollar_accepts_it()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace("evidence/attendance/att-1.json", "\"scribe_signer_id\": \"eng.alice\"", "\"scribe_signer_id\": \"eng.alice\\n\"");
        var f = Assert.Single(EvidenceLoader.Default.Load(repo.Root).Findings);
        Assert.Equal(BlockReason.SchemaInvalid, f.Reason);
        Assert.Contains("not a valid id", f.Message, StringComparison.Ordinal);
    }
}
