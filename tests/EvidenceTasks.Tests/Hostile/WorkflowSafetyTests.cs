using System.Text.RegularExpressions;
using EvidenceTasks.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EvidenceTasks.Tests.Hostile;

/// <summary>
/// The CI workflow and CODEOWNERS keep the promises of docs/security.md: pull_request only, read-only token, actions
/// pinned by commit, no kept credentials, nothing from the event interpolated into a shell line, and a pull request
/// judged by the gate built from its base branch.
/// </summary>
public class WorkflowSafetyTests
{
    private static readonly string WorkflowPath = Path.Combine(TempEvidenceRepo.RepositoryRoot, ".github/workflows/evidence-gate.yml");
    private static readonly string WorkflowText = File.ReadAllText(WorkflowPath);

    private static YamlMappingNode Workflow()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(WorkflowText));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<(string Job, YamlMappingNode Step)> Steps() =>
        ((YamlMappingNode)Workflow()["jobs"]).Children.SelectMany(job =>
            ((YamlSequenceNode)((YamlMappingNode)job.Value)["steps"]).Children.Cast<YamlMappingNode>().Select(step => (((YamlScalarNode)job.Key).Value!, step)));

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;

    [Fact]
    public void Given_the_workflow_When_read_Then_pull_request_only_and_a_read_only_token()
    {
        var on = (YamlMappingNode)Workflow()["on"];
        Assert.Contains(on.Children.Keys, k => ((YamlScalarNode)k).Value == "pull_request");
        Assert.Equal(["pull_request", "push"], on.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order(StringComparer.Ordinal));
        var permissions = (YamlMappingNode)Workflow()["permissions"];
        Assert.Equal("read", Scalar(permissions, "contents"));
        Assert.Single(permissions.Children);
        Assert.DoesNotMatch(new Regex(@":\s*write\b"), WorkflowText);
    }

    [Fact]
    public void Given_every_step_When_read_Then_actions_are_pinned_by_commit_and_checkouts_keep_no_credentials()
    {
        var uses = Steps().Select(s => Scalar(s.Step, "uses")).OfType<string>().ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, u => Assert.Matches(@"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$", u));
        var checkouts = Steps().Where(s => Scalar(s.Step, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true).ToList();
        Assert.All(checkouts, c => Assert.Equal("false", Scalar((YamlMappingNode)c.Step["with"], "persist-credentials")));
    }

    [Fact]
    public void Given_every_run_line_When_read_Then_no_expression_is_interpolated_into_the_shell()
    {
        var runs = Steps().Select(s => Scalar(s.Step, "run")).OfType<string>().ToList();
        Assert.NotEmpty(runs);
        Assert.All(runs, r => Assert.DoesNotContain("${{", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Given_the_pull_request_gate_When_read_Then_it_is_built_from_the_base_branch_and_run_over_the_pull_request()
    {
        var steps = Steps().Where(s => s.Job == "gate-pull-request").Select(s => s.Step).ToList();
        var baseCheckout = Assert.Single(steps, s => Scalar(s, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true
                                                     && Scalar((YamlMappingNode)s["with"], "path") == "base");
        Assert.Equal("${{ github.event.pull_request.base.sha }}", Scalar((YamlMappingNode)baseCheckout["with"], "ref"));
        var gate = Assert.Single(steps, s => Scalar(s, "run")?.Contains("--target=Gate", StringComparison.Ordinal) == true);
        Assert.Equal("base", Scalar(gate, "working-directory"));
        Assert.Contains("--root=$PR_ROOT", Scalar(gate, "run"), StringComparison.Ordinal);
        Assert.Contains("--base=$BASE_SHA", Scalar(gate, "run"), StringComparison.Ordinal);
        Assert.Equal("base/global.json", Steps().Where(s => s.Job == "gate-pull-request").Select(s => s.Step)
            .Select(s => s.Children.TryGetValue(new YamlScalarNode("with"), out var w) ? Scalar((YamlMappingNode)w, "global-json-file") : null).OfType<string>().Single());
        // The judging job never builds or tests the pull request's code.
        Assert.DoesNotContain(steps, s => Scalar(s, "run")?.Contains("dotnet test", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Given_the_pull_request_gate_When_read_Then_it_restores_no_cache_that_pull_request_code_could_have_written()
    {
        // The gate trusts its load cache (docs/security.md, row 17): in a pull request's cache scope the pull request's own
        // test job could have written it.
        var steps = Steps().Where(s => s.Job == "gate-pull-request").Select(s => s.Step).ToList();
        Assert.NotEmpty(steps);
        Assert.DoesNotContain(steps, s => Scalar(s, "uses")?.StartsWith("actions/cache", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("evidence-tasks", WorkflowText, StringComparison.Ordinal); // no path of the cache anywhere
    }

    [Theory]
    [InlineData("/schemas/")]
    [InlineData("/governance/")]
    [InlineData("/src/EvidenceTasks/Core/BlockReason.cs")]
    [InlineData("/docs/block-reasons.md")]
    [InlineData("/src/")]
    [InlineData("/build/")]
    [InlineData("/.github/")]
    public void Given_codeowners_When_read_Then_the_governance_owner_owns_the_judge(string path)
    {
        var lines = File.ReadAllLines(Path.Combine(TempEvidenceRepo.RepositoryRoot, ".github/CODEOWNERS"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var rule = Assert.Single(lines, l => l[0] == path);
        Assert.Contains("@studio/governance-owner", rule[1..]);
    }
}
