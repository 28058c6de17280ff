using EvidenceTasks.Core.Attendance;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Scoring;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Lesson 182 "flips status from draft → scored and sets computed pass bit — never manual toggle": the gate recomputes
/// weighted_score and pass_bit of every scored log from its scores, its rubric and its deficiency tickets and blocks a file
/// whose stored values differ, or whose scores do not fit the rubric (<c>mock_audit_score_mismatch</c>).
/// </summary>
public sealed class MockAuditScoreRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        // A ticket that failed to load may be cert_blocking; its own finding blocks already, so pass_bit is not judged then.
        var ticketsKnown = !EvidencePaths.AnyUnreadableUnder(evidence, EvidencePaths.DeficienciesFolder);
        foreach (var log in evidence.Logs)
        {
            if (!evidence.RubricsByVersion.TryGetValue(log.RubricVersion, out var rubric)) continue;
            var problems = MockAuditScoring.Problems(rubric, log.Scores, requireAll: log.IsScored);
            foreach (var p in problems)
                yield return Mismatch(p.Dimension is { } dim ? log.Origin.Item("scores", dim).Self : log.Origin.Field("scores"),
                    $"scores: {p.Message}",
                    $"Give every dimension of rubric {rubric.RubricVersion} a whole score 0..{rubric.MaxScore}, then run `score --log {log.MockAuditId}`.");
            if (!log.IsScored || !problems.IsEmpty) continue;

            var result = MockAuditScoring.Score(rubric, log.Scores, MockAuditScoring.CertBlockingTickets(evidence, log.MockAuditId));
            if (log.WeightedScore is { } stored && stored != result.WeightedScore)
                yield return Mismatch(log.Origin.Field("weighted_score"),
                    $"weighted_score {MockAuditScoring.Format(stored)} is not what the scores compute ({MockAuditScoring.Format(result.WeightedScore)} = sum of weight x score / max_score {rubric.MaxScore}, rubric {rubric.RubricVersion})",
                    Rescore(log));
            if (ticketsKnown && log.PassBit is { } pass && pass != result.PassBit)
                yield return Mismatch(log.Origin.Field("pass_bit"),
                    $"pass_bit is {Bool(pass)} but computes to {Bool(result.PassBit)} ({MockAuditScoring.Explain(result)})",
                    Rescore(log));
        }
    }

    private static string Rescore(MockAuditLog log) =>
        $"Re-score {log.Origin.Path} with `score --log {log.MockAuditId}`: weighted_score and pass_bit are computed, never typed or toggled.";

    private static string Bool(bool b) => b ? "true" : "false";

    private static Finding Mismatch(SourceLocation at, string message, string fix) =>
        Finding.Error(BlockReason.MockAuditScoreMismatch, at, message, fix);
}
