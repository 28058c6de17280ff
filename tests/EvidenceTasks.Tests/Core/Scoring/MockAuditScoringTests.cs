using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Scoring;

namespace EvidenceTasks.Tests.Core.Scoring;

public class MockAuditScoringTests
{
    // The bundled registry's mock_audit_rubric_v1: weights 15/10/15/15/20/10/15, max_score 4, pass_threshold 75.
    private static Rubric Rubric(int maxScore = 4, decimal threshold = 75m, params decimal[] weights) => new(
        "mock_audit_rubric_v1", maxScore, threshold,
        (weights.Length == 0 ? [15m, 10m, 15m, 15m, 20m, 10m, 15m] : weights).Select((w, i) => new RubricDimension(i + 1, $"d{i + 1}", w)).ToImmutableArray(),
        ["replay_diff_epsilon_drift"], Origin.Synthetic("governance/rubric/mock_audit_rubric_v1.yaml"));

    private static Dictionary<int, int> Scores(params int[] s) => s.Select((v, i) => (v, i)).ToDictionary(p => p.i + 1, p => p.v);

    private static DeficiencyTicket Ticket(string severity, string status) => new(
        "def-1", "log-1", "w1", 5, "replay_diff_epsilon_drift", severity, "T-14", status, null, null, "1.4.0", "eps-1", null,
        Origin.Synthetic("evidence/deficiencies/def-1.yaml"));

    [Theory]
    [InlineData(new[] { 4, 3, 3, 4, 2, 4, 3 }, "80")]     // the bundled log-q4-2026-steam-us-t14
    [InlineData(new[] { 3, 4, 3, 3, 2, 3, 4 }, "76.25")]
    [InlineData(new[] { 4, 4, 4, 4, 4, 4, 4 }, "100")]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0 }, "0")]
    [InlineData(new[] { 1, 0, 0, 0, 0, 0, 0 }, "3.75")]
    public void Given_scores_When_weighted_Then_sum_of_weight_times_score_over_max_score_exactly(int[] scores, string expected) =>
        Assert.Equal(expected, MockAuditScoring.Format(MockAuditScoring.WeightedScore(Rubric(), Scores(scores))));

    [Fact]
    public void Given_a_whole_weighted_score_When_normalised_Then_it_has_no_fractional_digits() =>
        Assert.Equal("80", MockAuditScoring.Normalize(80.00m).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Given_exactly_the_threshold_When_scored_Then_it_passes()
    {
        // 15·4 + 10·3 + 15·3 + 15·4 + 20·2 + 10·4 + 15·3 = 320 → 80, the threshold itself: ≥ passes.
        var result = MockAuditScoring.Score(Rubric(threshold: 80m), Scores(4, 3, 3, 4, 2, 4, 3), []);
        Assert.Equal(80m, result.WeightedScore);
        Assert.True(result.PassBit);
    }

    [Fact]
    public void Given_one_quarter_below_the_threshold_When_scored_Then_it_fails() =>
        Assert.False(MockAuditScoring.Score(Rubric(threshold: 76.5m), Scores(3, 4, 3, 3, 2, 3, 4), []).PassBit);

    [Theory]
    [InlineData("open")]
    [InlineData("resolved")]
    [InlineData("withdrawn")]
    [InlineData("carved_out")]
    public void Given_a_cert_blocking_ticket_in_any_status_When_scored_Then_pass_bit_is_false(string status)
    {
        var result = MockAuditScoring.Score(Rubric(), Scores(4, 4, 4, 4, 4, 4, 4), [Ticket("cert_blocking", status)]);
        Assert.Equal(100m, result.WeightedScore);
        Assert.False(result.PassBit);
        Assert.Equal("100 >= pass_threshold 75, cert_blocking ticket def-1 in evidence/deficiencies/def-1.yaml", MockAuditScoring.Explain(result));
    }

    [Fact]
    public void Given_a_max_score_that_does_not_divide_When_weighted_Then_decimal_division_is_used_and_compared_consistently()
    {
        var rubric = Rubric(3, 75m, 10m, 10m, 10m, 10m, 20m, 20m, 20m);
        var w = MockAuditScoring.WeightedScore(rubric, Scores(1, 0, 0, 0, 0, 0, 0));
        Assert.Equal("3.3333333333333333333333333333", MockAuditScoring.Format(w));
        Assert.Equal(w, MockAuditScoring.Normalize(decimal.Parse(MockAuditScoring.Format(w), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Given_scores_that_do_not_fit_the_rubric_When_checked_Then_each_problem_is_named()
    {
        var scores = Scores(4, 5, -1, 4, 4, 4);
        scores[9] = 1;
        var problems = MockAuditScoring.Problems(Rubric(), scores, requireAll: true);
        Assert.Equal(
            [
                (2, "dimension 2: score 5 is outside 0..4 (rubric mock_audit_rubric_v1)"),
                (3, "dimension 3: score -1 is outside 0..4 (rubric mock_audit_rubric_v1)"),
                (9, "dimension 9 is not in rubric mock_audit_rubric_v1"),
                ((int?)null, "no score for dimension 7: a scored log has one score per rubric dimension"),
            ],
            problems.Select(p => (p.Dimension, p.Message)));
        Assert.Empty(MockAuditScoring.Problems(Rubric(), Scores(4, 4), requireAll: false)); // a draft may hold some scores
    }
}
