using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.Rules;

/// <summary>
/// Ids that live inside files rather than in file names (cert windows, roster slots, ICS UIDs) must be unique across
/// the repository, ignoring case (SPEC.md: "two ids differing only in case ... are refused"; Lesson 186: a slot id is
/// never reused across regions). File-named ids are checked by the loader.
/// </summary>
public sealed class CrossFileIdRule : IGateRule
{
    public IEnumerable<Finding> Evaluate(EvidenceSet evidence, GateContext context)
    {
        foreach (var f in Duplicates(evidence.CertWindows, w => w.CertWindowId, w => w.Origin.Field("cert_window_id"), "cert_window_id"))
            yield return f;
        foreach (var f in Duplicates(evidence.Slots, s => s.RosterSlotId, s => s.Origin.Field("roster_slot_id"), "roster_slot_id"))
            yield return f;
        foreach (var f in Duplicates(evidence.Slots.Where(s => s.IcsUid is not null), s => s.IcsUid!, s => s.Origin.Field("ics_uid"), "ics_uid"))
            yield return f;
    }

    private static IEnumerable<Finding> Duplicates<T>(IEnumerable<T> items, Func<T, string> id, Func<T, SourceLocation> where, string field)
    {
        var seen = new Dictionary<string, (string Id, SourceLocation Where)>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items.OrderBy(i => where(i).Path, StringComparer.Ordinal).ThenBy(i => where(i).Line))
        {
            var key = id(item);
            var loc = where(item);
            if (seen.TryGetValue(key, out var first))
            {
                var how = first.Id == key ? "is already used" : $"differs only in case from '{first.Id}'";
                yield return Finding.Error(BlockReason.IdInvalid, loc,
                    $"{field} '{key}' {how} at {first.Where}",
                    $"Give this record its own {field}; ids are unique across the repository, ignoring case.");
            }
            else
            {
                seen.Add(key, (key, loc));
            }
        }
    }
}
