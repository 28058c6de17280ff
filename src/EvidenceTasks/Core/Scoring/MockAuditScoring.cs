using System.Collections.Immutable;
using System.Globalization;
using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Scoring;

/// <summary>One thing wrong with a set of scores; <see cref="Dimension"/> is null when it concerns the set as a whole.</summary>
public sealed record ScoreProblem(int? Dimension, string Message);

/// <summary>What a log's scores compute to: the weighted score, the pass bit, and the cert_blocking tickets that failed it.</summary>
public sealed record ScoreResult(decimal WeightedScore, bool PassBit, decimal PassThreshold, ImmutableArray<DeficiencyTicket> CertBlocking)
{
    public bool ReachesThreshold => WeightedScore >= PassThreshold;
}

/// <summary>
/// Lesson 172 scoring (SPEC.md "Mock audit log"), shared by the <c>score</c> verb and the gate so that pass is computed
/// one way and never toggled: weighted_score = Σ weight·score / max_score in decimal arithmetic, and pass_bit =
/// weighted_score ≥ pass_threshold and no deficiency ticket of the log is cert_blocking (whatever its status).
/// </summary>
public static class MockAuditScoring
{
    public const string CertBlocking = "cert_blocking";

    /// <summary>
    /// Scores checked against the rubric: integers 0..max_score for dimensions the rubric has, and (when
    /// <paramref name="requireAll"/>, i.e. for a scored log) one for every dimension.
    /// </summary>
    public static ImmutableArray<ScoreProblem> Problems(Rubric rubric, IReadOnlyDictionary<int, int> scores, bool requireAll)
    {
        var problems = ImmutableArray.CreateBuilder<ScoreProblem>();
        var dims = rubric.Dimensions.Select(d => d.Dimension).ToHashSet();
        foreach (var (dim, score) in scores.OrderBy(p => p.Key))
        {
            if (!dims.Contains(dim))
                problems.Add(new ScoreProblem(dim, $"dimension {dim} is not in rubric {rubric.RubricVersion}"));
            else if (score < 0 || score > rubric.MaxScore)
                problems.Add(new ScoreProblem(dim, $"dimension {dim}: score {score} is outside 0..{rubric.MaxScore} (rubric {rubric.RubricVersion})"));
        }
        if (requireAll)
        {
            var missing = dims.Where(d => !scores.ContainsKey(d)).Order().ToArray();
            if (missing.Length > 0)
                problems.Add(new ScoreProblem(null, $"no score for dimension{(missing.Length == 1 ? string.Empty : "s")} {string.Join(", ", missing)}: a scored log has one score per rubric dimension"));
        }
        return problems.ToImmutable();
    }

    /// <summary>Σ weight·score / max_score, exact for the registry's integer weights and max_score 4 (a multiple of 0.25).</summary>
    public static decimal WeightedScore(Rubric rubric, IReadOnlyDictionary<int, int> scores)
    {
        var sum = rubric.Dimensions.Sum(d => d.Weight * scores.GetValueOrDefault(d.Dimension));
        return Normalize(sum / rubric.MaxScore);
    }

    /// <summary>The cert_blocking tickets raised on a log, in file order.</summary>
    public static ImmutableArray<DeficiencyTicket> CertBlockingTickets(EvidenceSet evidence, string mockAuditId) =>
        evidence.DeficienciesByLog.TryGetValue(mockAuditId, out var tickets)
            ? tickets.Where(d => d.Severity == CertBlocking).ToImmutableArray()
            : [];

    public static ScoreResult Score(Rubric rubric, IReadOnlyDictionary<int, int> scores, ImmutableArray<DeficiencyTicket> certBlocking)
    {
        var weighted = WeightedScore(rubric, scores);
        return new ScoreResult(weighted, weighted >= rubric.PassThreshold && certBlocking.IsEmpty, rubric.PassThreshold, certBlocking);
    }

    /// <summary>The same value with no trailing zeros (80.00 → 80), so it is written as the shortest JSON number.</summary>
    public static decimal Normalize(decimal value) =>
        decimal.Parse(value.ToString("0.############################", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Format(decimal value) => Normalize(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>Why the pass bit is what it is, for messages: "80 ≥ 75, no cert_blocking ticket".</summary>
    public static string Explain(ScoreResult r)
    {
        var threshold = $"{Format(r.WeightedScore)} {(r.ReachesThreshold ? ">=" : "<")} pass_threshold {Format(r.PassThreshold)}";
        var tickets = r.CertBlocking.IsEmpty
            ? "no cert_blocking ticket"
            : $"cert_blocking {(r.CertBlocking.Length == 1 ? "ticket" : "tickets")} {string.Join(", ", r.CertBlocking.Select(t => $"{t.DeficiencyId} in {t.Origin.Path}"))}";
        return $"{threshold}, {tickets}";
    }
}
