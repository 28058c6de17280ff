using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// SPEC.md "failure_mode_tag is in the rubric's allow-list": a ticket's tag is one of the failure_mode_tags of its log's
/// rubric version, never free text (<c>deficiency_log_mismatch</c>). Tickets whose log or rubric is missing are left to
/// the rules that report those.
/// </summary>
public sealed class FailureModeTagRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        foreach (var t in evidence.Deficiencies)
        {
            if (!evidence.LogsById.TryGetValue(t.MockAuditId, out var log) || !evidence.RubricsByVersion.TryGetValue(log.RubricVersion, out var rubric))
                continue;
            if (!rubric.FailureModeTags.Contains(t.FailureModeTag))
                yield return Finding.Error(BlockReason.DeficiencyLogMismatch, t.Origin.Field("failure_mode_tag"),
                    $"failure_mode_tag '{t.FailureModeTag}' is not in the allow-list of rubric {rubric.RubricVersion} (log {log.MockAuditId})",
                    $"Use one of {string.Join(", ", rubric.FailureModeTags)} ({rubric.Origin.Path}); a new tag is a new rubric version.");
        }
    }
}
