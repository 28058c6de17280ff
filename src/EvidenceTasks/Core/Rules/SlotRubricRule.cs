using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;

namespace EvidenceTasks.Core.Rules;

/// <summary>Lessons 185/186: a slot's rubric_version exists in the registry (governance/rubric/&lt;rubric_version&gt;.yaml).</summary>
public sealed class SlotRubricRule : SlotRule
{
    public override IEnumerable<Finding> EvaluateSlot(EvidenceSet evidence, RosterSlot slot)
    {
        var path = RosterPaths.Rubric(slot.RubricVersion);
        if (evidence.RubricsByVersion.ContainsKey(slot.RubricVersion) || evidence.IsUnreadable(path)) yield break;
        yield return Finding.Error(BlockReason.ReferenceBroken, slot.Origin.Field("rubric_version"),
            $"slot {slot.RosterSlotId}: rubric_version '{slot.RubricVersion}' is not in the registry ({path} does not exist)",
            "Pin a rubric_version that has a file under governance/rubric/.");
    }
}
