using System.CommandLine;
using System.Globalization;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Attendance;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Core.Scoring;
using EvidenceTasks.IO;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>score --log</c>: step 5 of Lesson 182. Takes the panel's per-dimension scores (from the log file or <c>--scores</c>),
/// checks them against the log's rubric, computes weighted_score and pass_bit (<see cref="MockAuditScoring"/>, the same
/// code the gate recomputes with) and flips the log from draft to scored. Re-running it after a new cert_blocking ticket
/// recomputes pass_bit.
/// </summary>
public static class ScoreVerb
{
    public static Command Build(CliContext ctx)
    {
        var root = CommonOptions.Root();
        var log = AuthoringSession.Required("--log", "mock_audit_id of the log to score.", "MOCK_AUDIT_ID");
        var scores = new Option<string?>("--scores")
        {
            Description = "The panel's scores, one per rubric dimension: 1=3,2=4,3=3,4=3,5=2,6=3,7=4. Default: the log file's \"scores\".",
            HelpName = "DIM=SCORE,...",
        };
        var command = new Command("score", "Score a mock audit log: check the scores against its rubric, compute weighted_score and pass_bit, set status scored.") { root, log, scores };
        command.SetAction(parse =>
        {
            var logId = AuthoringSession.RequireId("--log", parse.GetValue(log));
            var given = parse.GetValue(scores) is { } text ? ParseScores(text) : null;
            return Run(AuthoringSession.Open(ctx, parse.GetValue(root)), logId, given);
        });
        return command;
    }

    /// <summary>Parses <c>1=3,2=4,...</c>; a malformed list is a usage error.</summary>
    public static IReadOnlyDictionary<int, int> ParseScores(string text)
    {
        var scores = new SortedDictionary<int, int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !int.TryParse(kv[0], NumberStyles.None, CultureInfo.InvariantCulture, out var dim)
                || !int.TryParse(kv[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var score))
                throw new UsageException($"--scores: '{part}' is not DIMENSION=SCORE with whole numbers (e.g. --scores 1=3,2=4,3=3,4=3,5=2,6=3,7=4)");
            if (!scores.TryAdd(dim, score))
                throw new UsageException($"--scores: dimension {dim} is given twice");
        }
        return scores;
    }

    internal static int Run(AuthoringSession s, string logId, IReadOnlyDictionary<int, int>? given)
    {
        var e = s.Evidence;
        var logPath = EvidencePaths.Log(logId);
        if (!s.TryGet(e.LogsById, logId, logPath, "mock audit log", out var log, out var exit)) return exit;
        if (MockAuditLogOrphanRule.Check(log, e) is { } orphan) return s.Refuse(orphan);
        var mismatches = new MockAuditLogBootstrapRule().Evaluate(e, new GateContext(default)).Where(f => f.Location.Path == logPath).ToList();
        if (mismatches.Count > 0) return s.Refuse(mismatches);
        var rubric = e.RubricsByVersion[log.RubricVersion];
        var unreadableTickets = e.UnreadablePaths.Where(p => p.StartsWith(EvidencePaths.DeficienciesFolder, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (unreadableTickets.Count > 0) return s.Refuse(unreadableTickets.SelectMany(s.FileFindings)); // pass_bit depends on every ticket of the log

        var scores = given ?? log.Scores;
        var source = given is null ? "scores" : "--scores";
        if (scores.Count == 0)
            return s.Refuse(BlockReason.MockAuditScoreMismatch, log.Origin.Field("status"),
                $"log {logId} has no scores to score with",
                "Add the panel's \"scores\" (one per rubric dimension) to the log file, or pass --scores 1=3,2=4,...");
        var problems = MockAuditScoring.Problems(rubric, scores, requireAll: true);
        if (!problems.IsEmpty)
            return s.Refuse(problems.Select(p => Finding.Error(BlockReason.MockAuditScoreMismatch,
                given is null && p.Dimension is { } dim ? log.Origin.Item("scores", dim).Self : log.Origin.Field("scores"),
                $"{source}: {p.Message}",
                $"Give every dimension of rubric {rubric.RubricVersion} a whole score 0..{rubric.MaxScore}.")));

        var result = MockAuditScoring.Score(rubric, scores, MockAuditScoring.CertBlockingTickets(e, logId));
        var outcome = s.Replace(logPath, MockAuditLogDocuments.Scored(s.ReadObject(logPath), scores, result));
        var verdict = $"weighted_score {MockAuditScoring.Format(result.WeightedScore)}, pass_bit {(result.PassBit ? "true" : "false")} ({MockAuditScoring.Explain(result)})";
        s.Say(outcome == WriteOutcome.Unchanged
            ? $"already scored: {logPath} has {verdict}; nothing changed"
            : $"scored {logPath}: {verdict}");
        return ExitCodes.Clean;
    }
}
