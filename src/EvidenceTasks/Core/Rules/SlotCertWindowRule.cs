using EvidenceTasks.Core.Roster;

namespace EvidenceTasks.Core.Rules;

/// <summary>The cert_window_id of a slots file names a window of roster/cert_windows.yaml (Lesson 181 cert_window_calendar).</summary>
public sealed class SlotCertWindowRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        if (evidence.IsUnreadable(RosterPaths.CertWindows)) yield break;
        foreach (var file in evidence.Slots.GroupBy(s => s.Origin.Path, StringComparer.Ordinal))
        {
            var slot = file.First();
            if (evidence.CertWindowsById.ContainsKey(slot.CertWindowId)) continue;
            yield return Finding.Error(BlockReason.ReferenceBroken, (slot.Origin with { Pointer = string.Empty }).Field("cert_window_id"),
                $"cert_window_id '{slot.CertWindowId}' is not a window in {RosterPaths.CertWindows}",
                $"Add the window to {RosterPaths.CertWindows} (opens_utc, closes_utc), or correct the id and the file name.");
        }
    }
}
