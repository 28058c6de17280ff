using System.Collections.Immutable;
using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core.History;

/// <summary>
/// Merged evidence is append-only (SPEC.md <c>evidence_rewritten</c>): a pull request may not edit or delete a sealed
/// receipt, a scored log, a manifest, a sprint budget, a readback or an exported ICS hold that exists at the merge base.
/// The allowed transitions (docs/history-rules.md) are the ones the tools themselves make:
/// an unsealed receipt may be corrected and sealed (bootstrap); a draft log may change and become scored;
/// a manifest may be regenerated when its handoff week's roster changed (a re-lock);
/// an ICS hold may be re-exported with a higher SEQUENCE.
/// </summary>
public static class EvidenceRewrittenRule
{
    public static IEnumerable<Finding> Evaluate(PullRequestChanges changes)
    {
        foreach (var change in changes.Guarded.OrderBy(c => c.Path, StringComparer.Ordinal))
        {
            var finding = Judge(change, changes);
            if (finding is not null) yield return finding;
        }
    }

    private static Finding? Judge(EvidenceChange c, PullRequestChanges changes)
    {
        var at = changes.MergeBase.Short;
        switch (c.Kind)
        {
            case GuardedKind.AttendanceReceipt:
                if (Field(c.Before, "receipt_sha256") is not { } sealedHash) return null; // unsealed: still a draft of the receipt
                return Rewritten(c, $"sealed receipt (receipt_sha256 {Abbrev(sealedHash)}) is merged at {at}",
                    "Revert the change: a sealed receipt never changes. If the attendance was recorded wrongly, keep it and document the correction in a new deficiency ticket or a new receipt for a rescheduled slot.");
            case GuardedKind.MockAuditLog:
                if (Field(c.Before, "status") != "\"scored\"") return null; // a draft may be edited and scored
                if (IsRescore(c, changes)) return null;
                return Rewritten(c, $"scored mock-audit log is merged at {at}",
                    "Revert the change: a scored log is final. Record what was missed in a deficiency ticket instead.");
            case GuardedKind.QuorumManifest:
                var week = c.Path[(c.Path.LastIndexOf('/') + 1)..^".json".Length];
                if (c.After is not null && RosterChanged(week, changes.BaseEvidence, changes.HeadEvidence)) return null;
                return Rewritten(c, c.After is null
                        ? $"quorum manifest of {week} is merged at {at}"
                        : $"quorum manifest of {week} is merged at {at} and no roster slot of {week} changed since",
                    "Revert the change. A manifest is only regenerated (with the `manifest` verb) in the pull request that re-locks its handoff week's roster.");
            case GuardedKind.SprintBudget:
                return Rewritten(c, $"sprint budget is merged at {at}",
                    "Revert the change: a sprint budget is final once merged. Allocate the next sprint with the `allocate` verb (with a variance_note when Friday Block 6 says n).");
            case GuardedKind.Readback:
                return Rewritten(c, $"partner readback is merged at {at}",
                    "Revert the change: a readback is what the partner was told. Generate a new readback for the next sprint instead.");
            case GuardedKind.IcsHold:
                var before = IcsText.Sequence(c.Before.Text);
                var after = c.After is null ? null : IcsText.Sequence(c.After.Text);
                if (after is { } a && before is { } b && a > b) return null; // a re-export that raises SEQUENCE
                var seq = c.After is null ? string.Empty : $" without raising SEQUENCE ({Show(before)} at the merge base, {Show(after)} now)";
                return Rewritten(c, $"exported ICS hold is merged at {at}{seq}".TrimEnd(),
                    c.After is null
                        ? "Restore the file: an exported hold is cancelled by a re-export with a higher SEQUENCE, never by deleting it."
                        : "Re-export the hold with the `ics` verb, which raises SEQUENCE for a changed export of an existing UID, instead of editing the file.");
            default:
                return null;
        }
    }

    /// <summary>
    /// A merged scored log may change only by re-scoring: its pass_bit (and weighted_score) move to exactly what
    /// <c>score</c> computes at HEAD, e.g. because a cert_blocking ticket was filed after it was scored. Anything else
    /// (its scores, its receipt, its window) stays final. Without this, mock_audit_score_mismatch and this rule would
    /// leave no way forward.
    /// </summary>
    private static bool IsRescore(EvidenceChange c, PullRequestChanges changes)
    {
        if (c.After is null || c.Before.Fields is not { } before || c.After.Fields is not { } after) return false;
        var changed = before.Keys.Union(after.Keys, StringComparer.Ordinal)
            .Where(k => !before.TryGetValue(k, out var x) || !after.TryGetValue(k, out var y) || x != y);
        if (changed.Any(k => k is not ("pass_bit" or "weighted_score"))) return false;
        var id = c.Path[(c.Path.LastIndexOf('/') + 1)..^".json".Length];
        var head = changes.HeadEvidence;
        if (!head.LogsById.TryGetValue(id, out var log) || !log.IsScored || !head.RubricsByVersion.TryGetValue(log.RubricVersion, out var rubric)) return false;
        var computed = Scoring.MockAuditScoring.Score(rubric, log.Scores, Scoring.MockAuditScoring.CertBlockingTickets(head, id));
        return log.WeightedScore == computed.WeightedScore && log.PassBit == computed.PassBit;
    }

    private static string Show(int? sequence) => sequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unreadable";

    private static Finding Rewritten(EvidenceChange c, string what, string fix)
    {
        if (c.After is null)
            return Finding.Error(BlockReason.EvidenceRewritten, new SourceLocation(c.Path, 1, 1), $"{c.Path} is deleted, but this {what}", fix);
        var (line, fields) = FirstChange(c.Before, c.After);
        var how = fields.Length > 0 ? $"changes {string.Join(", ", fields)}" : "changes the file";
        return Finding.Error(BlockReason.EvidenceRewritten, new SourceLocation(c.Path, line, 1), $"{c.Path} {how}, but this {what}", fix);
    }

    /// <summary>The line of the first changed member (or text line) at HEAD, and the names of the changed members.</summary>
    private static (int Line, ImmutableArray<string> Fields) FirstChange(FileVersion before, FileVersion after)
    {
        if (before.Fields is { } b && after.Fields is { } a)
        {
            var changed = b.Keys.Union(a.Keys, StringComparer.Ordinal)
                .Where(k => !b.TryGetValue(k, out var x) || !a.TryGetValue(k, out var y) || x != y)
                .Order(StringComparer.Ordinal).ToImmutableArray();
            var lines = changed.Where(a.ContainsKey).Select(k => after.Positions.Find("/" + PositionMap.Escape(k)).Line).ToList();
            return (lines.Count > 0 ? lines.Min() : 1, changed);
        }
        var beforeLines = before.Text.Split('\n');
        var afterLines = after.Text.Split('\n');
        var i = 0;
        while (i < beforeLines.Length && i < afterLines.Length && beforeLines[i] == afterLines[i]) i++;
        return (Math.Min(i, Math.Max(afterLines.Length - 1, 0)) + 1, []);
    }

    private static string? Field(FileVersion version, string name) =>
        version.Fields is { } f && f.TryGetValue(name, out var v) && v != "null" ? v : null;

    private static string Abbrev(string canonicalJsonString)
    {
        var s = canonicalJsonString.Trim('"');
        return s.Length > 12 ? s[..12] + "…" : s;
    }

    /// <summary>True when a slot of the week, or the week itself, differs between the merge base and HEAD (a re-lock).</summary>
    public static bool RosterChanged(string handoffWeekId, EvidenceSet before, EvidenceSet after)
    {
        static IEnumerable<string> Roster(EvidenceSet e, string week) =>
            e.Slots.Where(s => s.HandoffWeekId == week).Select(SlotFingerprint)
                .Concat(e.HandoffWeeks.Where(w => w.HandoffWeekId == week).Select(w => (w with { Origin = Origin.Synthetic(string.Empty) }).ToString()))
                .Order(StringComparer.Ordinal);
        return !Roster(before, handoffWeekId).SequenceEqual(Roster(after, handoffWeekId), StringComparer.Ordinal);
    }

    private static string SlotFingerprint(RosterSlot s) =>
        string.Join('\u001f',
            s.RosterSlotId, s.CertWindowId, s.HandoffWeekId, s.CertRehearsalLabel, s.RehearsalPhase, s.SlotRegion, s.SlotLocalTz,
            Timestamps.Format(s.SlotStartsAtUtc), Timestamps.Format(s.SlotEndsAtUtc), s.IcsUid ?? string.Empty, s.RubricVersion,
            s.PublishTupleHash, s.RosterStatus, s.BackupPromoteEvent ?? string.Empty,
            string.Join('\u001e', s.Bindings.Select(b => $"{b.PanelRole}\u001d{b.SignerId}\u001d{b.SignerEmail}\u001d{b.BackupSignerId}").Order(StringComparer.Ordinal)));
}
