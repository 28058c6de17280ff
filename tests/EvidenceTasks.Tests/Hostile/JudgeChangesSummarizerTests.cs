using EvidenceTasks.Cli;
using EvidenceTasks.Core.History;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Hostile;

/// <summary>A pull request that edits schemas, governance, the block-reason registry or the gate's code is called out in the job summary.</summary>
public class JudgeChangesSummarizerTests
{
    private const string AsOf = "2027-01-01T00:00:00Z";

    private static string SummaryOf(GitScenario s)
    {
        var summary = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("n") + ".md");
        try
        {
            var run = CliRunner.Run(s.Root, new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary }, "gate", "--base", "upstream", "--as-of", AsOf, "--format", "text");
            Assert.True(run.ExitCode is ExitCodes.Clean or ExitCodes.Blocked, run.Error);
            return File.ReadAllText(summary);
        }
        finally
        {
            File.Delete(summary);
        }
    }

    private static GitScenario Based()
    {
        var s = GitScenario.WithSamples();
        s.Files.Write("schemas/attendance-receipt.schema.json", "{}\n");
        s.Files.Write("src/EvidenceTasks/Core/BlockReason.cs", "// registry\n");
        s.Files.Write("src/EvidenceTasks/Core/Rules/ReceiptHashRule.cs", "// rule\n");
        s.Files.Write(".github/workflows/evidence-gate.yml", "name: evidence-gate\n");
        s.Files.Write("docs/block-reasons.md", "# reasons\n");
        s.Files.Write("README.md", "readme\n");
        s.Commit("base");
        s.MarkBase();
        return s;
    }

    [Fact]
    public void Given_a_pull_request_editing_schemas_governance_registry_and_code_When_gated_with_base_Then_the_summary_calls_each_out_first()
    {
        using var s = Based();
        s.Files.Write("schemas/attendance-receipt.schema.json", "{\"additionalProperties\": true}\n");
        s.Files.Replace("governance/allocator.yaml", "title: Alignment", "title: Alignment (renamed)");
        s.Files.Write("governance/rubric/rubric_v9.yaml", s.Files.Read("governance/rubric/rubric_v9.yaml") + "# weakened\n");
        s.Files.Write("src/EvidenceTasks/Core/BlockReason.cs", "// registry, one reason fewer\n");
        s.Files.Delete("src/EvidenceTasks/Core/Rules/ReceiptHashRule.cs");
        s.Files.Write(".github/workflows/evidence-gate.yml", "name: evidence-gate\n# no gate\n");
        s.Files.Write("README.md", "readme, edited\n");
        s.Commit("loosen the judge");

        var md = SummaryOf(s);
        var section = md.IndexOf("### :warning: This pull request changes the judge", StringComparison.Ordinal);
        Assert.True(section >= 0, md);
        Assert.True(section < md.IndexOf("### Evidence this pull request changes", StringComparison.Ordinal), "the judge section comes first");
        Assert.Contains("| modified | `schemas/attendance-receipt.schema.json` | JSON Schema", md, StringComparison.Ordinal);
        Assert.Contains("| modified | `governance/rubric/rubric_v9.yaml` | rubric", md, StringComparison.Ordinal);
        Assert.Contains("| modified | `governance/allocator.yaml` | governance input", md, StringComparison.Ordinal);
        Assert.Contains("| modified | `src/EvidenceTasks/Core/BlockReason.cs` | block-reason registry", md, StringComparison.Ordinal);
        Assert.Contains("| deleted | `src/EvidenceTasks/Core/Rules/ReceiptHashRule.cs` | the gate's code", md, StringComparison.Ordinal);
        Assert.Contains("| modified | `.github/workflows/evidence-gate.yml` | CI workflow", md, StringComparison.Ordinal);
        Assert.DoesNotContain("README.md", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_pull_request_touching_only_evidence_and_docs_When_gated_with_base_Then_no_judge_section()
    {
        using var s = Based();
        s.Files.Write("README.md", "readme, edited\n");
        s.Files.Write("evidence/carve-outs/co-2.yaml", s.Files.Read("evidence/carve-outs/co-1.yaml").Replace("co-1", "co-2", StringComparison.Ordinal));
        s.Commit("add a carve-out");
        var md = SummaryOf(s);
        Assert.DoesNotContain("changes the judge", md, StringComparison.Ordinal);
        Assert.Contains("| added | `evidence/carve-outs/co-2.yaml` |", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schemas/x.schema.json", true)]
    [InlineData("governance/allocator.yaml", true)]
    [InlineData("docs/block-reasons.md", true)]
    [InlineData("build/build.cake", true)]
    [InlineData(".github/CODEOWNERS", true)]
    [InlineData("global.json", true)]
    [InlineData("docs/security.md", false)]
    [InlineData("evidence/attendance/att-1.json", false)]
    [InlineData("roster/slots/w1.yaml", false)]
    public void Given_a_path_When_categorised_Then_only_judge_files_are_called_out(string path, bool judge) =>
        Assert.Equal(judge, JudgeChangesSummarizer.Category(path) is not null);
}
