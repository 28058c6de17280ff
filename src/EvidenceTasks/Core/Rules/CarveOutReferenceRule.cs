namespace EvidenceTasks.Core.Rules;

/// <summary>
/// A carved_out ticket names an existing carve-out (SPEC.md "Deficiency ticket"), and that carve-out documents the
/// ticket's own dimension and failure-mode tag (a carve-out for another row covers nothing here).
/// </summary>
public sealed class CarveOutReferenceRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        foreach (var ticket in evidence.Deficiencies)
        {
            if (ticket.CarveOutId is not { } id) continue;
            var at = ticket.Origin.Field("carve_out_id");
            if (!evidence.CarveOutsById.TryGetValue(id, out var carveOut))
            {
                if (!evidence.IsUnreadable($"evidence/carve-outs/{id}.yaml"))
                    yield return Finding.Error(BlockReason.ReferenceBroken, at,
                        $"ticket {ticket.DeficiencyId} is carved_out under carve-out '{id}', but evidence/carve-outs/{id}.yaml does not exist",
                        "Add the carve-out file (Lesson 163 documentation) in the same pull request, or correct carve_out_id.");
            }
            else if (carveOut.RubricDimension != ticket.RubricDimension || carveOut.FailureModeTag != ticket.FailureModeTag)
            {
                yield return Finding.Error(BlockReason.ReferenceBroken, at,
                    $"ticket {ticket.DeficiencyId} (dimension {ticket.RubricDimension}, {ticket.FailureModeTag}) names carve-out '{id}', which documents dimension {carveOut.RubricDimension}, {carveOut.FailureModeTag}",
                    "Name a carve-out for this ticket's dimension and tag, or add one.");
            }
        }
    }
}
