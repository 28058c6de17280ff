using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core.Rules;

public class FailureModeTagRuleTests
{
    private const string Ticket = "evidence/deficiencies/def-1.yaml";

    [Fact]
    public void Given_tags_from_the_rubric_allow_list_When_checked_Then_nothing_blocks()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        Assert.Empty(RuleHarness.Run(repo, new FailureModeTagRule()));
        using var bundled = TempEvidenceRepo.WithBundledEvidence();
        Assert.Empty(RuleHarness.Run(bundled, new FailureModeTagRule()));
    }

    [Fact]
    public void Given_a_free_text_tag_When_checked_Then_mismatch_at_failure_mode_tag_listing_the_allowed_tags()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace(Ticket, "failure_mode_tag: replay_diff_epsilon_drift", "failure_mode_tag: flaky_build");
        var f = RuleHarness.Single(RuleHarness.Run(repo, new FailureModeTagRule()), BlockReason.DeficiencyLogMismatch, Ticket, 5);
        Assert.Equal("failure_mode_tag 'flaky_build' is not in the allow-list of rubric rubric_v9 (log log-1)", f.Message);
        Assert.StartsWith("Use one of replay_diff_epsilon_drift, faq_unbound_readback (governance/rubric/rubric_v9.yaml)", f.Fix, StringComparison.Ordinal);
    }
}
