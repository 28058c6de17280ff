using System.CommandLine;
using System.Text;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO.Reporting;
using NodaTime;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>roster</c>: one table per cert window of its slots with local time, status, quorum, conflicts and ICS export
/// state, and what blocks each slot's lock (the Lesson 186 "roster tile"), then every gate finding on the roster files.
/// A view: exit 0 whatever it shows.
/// </summary>
public static class RosterVerb
{
    private static readonly string[] Header = ["slot", "week", "region", "local start", "status", "quorum", "conflicts", "ics", "blocks the lock"];

    public static Command Build(CliContext ctx)
    {
        var root = CommonOptions.Root();
        var asOf = CommonOptions.AsOf();
        var format = CommonOptions.Format("text", "markdown");
        var windowOption = new Option<string?>("--window") { Description = "Show only this cert_window_id.", HelpName = "ID" };
        var command = new Command("roster", "Show the panel roster per cert window: local times, quorum, conflicts, ICS export state and what blocks the lock.") { root, asOf, format, windowOption };
        command.SetAction(parse =>
        {
            var (_, loaded) = RosterInput.Load(ctx, parse.GetValue(root));
            var instant = CommonOptions.ResolveAsOf(ctx, parse.GetValue(asOf));
            var window = parse.GetValue(windowOption);
            var markdown = parse.GetValue(format) == "markdown";
            var evidence = loaded.Evidence;
            if (window is not null && !evidence.CertWindowsById.ContainsKey(window) && evidence.Slots.All(s => s.CertWindowId != window))
                throw new UsageException($"--window '{window}' is not a cert_window_id in {RosterPaths.CertWindows}");

            var findings = Gate.Evaluate(evidence, loaded.Findings, instant).Findings
                .Where(f => window is null ? IsRosterPath(f.Location.Path) : BelongsTo(evidence, f.Location.Path, window))
                .ToList();
            ctx.Out.Write(Render(evidence, RosterBoard.Rows(evidence, instant), findings, instant, window, markdown));
            return ExitCodes.Clean;
        });
        return command;
    }

    private static bool IsRosterPath(string path) =>
        path.StartsWith("roster/", StringComparison.Ordinal) || path.StartsWith("evidence/ics/", StringComparison.Ordinal) || path.StartsWith("evidence/manifests/", StringComparison.Ordinal);

    /// <summary>True for the files of one window: its slots, its holds, its weeks and their manifests.</summary>
    private static bool BelongsTo(EvidenceSet evidence, string path, string window)
    {
        if (path == RosterPaths.Slots(window) || path.StartsWith($"evidence/ics/{window}/", StringComparison.Ordinal)) return true;
        return evidence.HandoffWeeks.Any(w => w.CertWindowId == window && (path == RosterPaths.HandoffWeek(w.HandoffWeekId) || path == RosterPaths.Manifest(w.HandoffWeekId)));
    }

    public static string Render(EvidenceSet evidence, IReadOnlyList<RosterBoardRow> rows, IReadOnlyList<Finding> findings, Instant asOf, string? only, bool markdown)
    {
        var sb = new StringBuilder();
        if (markdown) sb.Append("# Panel roster at as_of ").Append(Timestamps.Format(asOf)).Append("\n\n");
        else sb.Append("roster at as_of ").Append(Timestamps.Format(asOf)).Append('\n');

        var windowIds = evidence.CertWindows.Select(w => w.CertWindowId).Distinct(StringComparer.Ordinal)
            .Concat(rows.Select(r => r.Slot.CertWindowId).Where(id => !evidence.CertWindowsById.ContainsKey(id)).Distinct().Order(StringComparer.Ordinal))
            .Where(id => only is null || id == only);
        foreach (var id in windowIds)
        {
            var heading = Heading(evidence.CertWindowsById.GetValueOrDefault(id), id, asOf);
            var table = rows.Where(r => r.Slot.CertWindowId == id)
                .OrderBy(r => r.Slot.SlotStartsAtUtc).ThenBy(r => r.Slot.RosterSlotId, StringComparer.Ordinal)
                .Select(r => Cells(evidence, r, findings)).ToList();
            if (markdown)
            {
                sb.Append("## ").Append(heading).Append("\n\n");
                if (table.Count == 0) sb.Append("No slots.\n\n");
                else AppendMarkdown(sb, table);
            }
            else
            {
                sb.Append('\n').Append(heading).Append('\n');
                if (table.Count == 0) sb.Append("  no slots\n");
                else AppendText(sb, table);
            }
        }

        if (markdown) sb.Append("## Findings\n\n");
        else sb.Append("\nfindings on the roster, ICS holds and manifests:\n");
        if (findings.Count == 0) sb.Append(markdown ? "None: nothing on the roster blocks the gate.\n" : "  none: nothing on the roster blocks the gate\n");
        foreach (var f in findings) sb.Append(markdown ? "- `" : "  ").Append(GateReport.Line(f)).Append(markdown ? "`\n" : "\n");
        return sb.ToString();
    }

    private static string Heading(CertWindow? window, string id, Instant asOf)
    {
        if (window is null) return $"{id}: not a window in {RosterPaths.CertWindows}";
        var state = window.IsActiveAt(asOf) ? "active" : asOf < window.OpensUtc ? "upcoming" : "closed";
        var title = window.Title is null ? string.Empty : $" ({window.Title})";
        return $"{id}{title}, {Timestamps.Format(window.OpensUtc)} to {Timestamps.Format(window.ClosesUtc)}: {state}";
    }

    private static string[] Cells(EvidenceSet evidence, RosterBoardRow row, IReadOnlyList<Finding> findings)
    {
        var slot = row.Slot;
        var blockers = row.Blockers.ToList();
        // Rule findings on the slot's own lines that the board does not already say (tuple drift, wrong zone, ...).
        var (first, last) = LineSpan(evidence, slot);
        var reasons = findings.Where(f => f.Blocks && f.Location.Path == slot.Origin.Path && f.Location.Line >= first && f.Location.Line < last && f.Reason != BlockReason.PanelRosterGapOpen)
            .Select(f => f.Reason.Id).Distinct().ToList();
        if (reasons.Count > 0) blockers.Add($"{string.Join(", ", reasons)} (see findings)");
        var conflicts = row.ConflictingSlots.Select(c => $"{c.OtherSlotId} ({c.Signers})").ToList();
        return
        [
            slot.RosterSlotId,
            slot.HandoffWeekId,
            slot.SlotRegion,
            row.LocalStart,
            slot.RosterStatus,
            $"{row.Quorum.RolesBound}/{PanelRoles.Canonical.Count}",
            conflicts.Count == 0 ? "-" : string.Join(", ", conflicts),
            Export(row),
            blockers.Count == 0 ? "-" : string.Join("; ", blockers.Distinct()),
        ];
    }

    private static string Export(RosterBoardRow row) => row.Export switch
    {
        IcsExportState.NotLocked => "-",
        IcsExportState.Due => $"due by {Timestamps.Format(row.LockDeadline)}",
        IcsExportState.Missing => $"missing (deadline {Timestamps.Format(row.LockDeadline)})",
        IcsExportState.Exported => "exported",
        IcsExportState.Stale => "stale",
        IcsExportState.UidChanged => "UID changed",
        _ => "unreadable",
    };

    /// <summary>The slot's lines in its file: from its first line up to (not including) the next slot's.</summary>
    private static (int First, int Last) LineSpan(EvidenceSet evidence, RosterSlot slot)
    {
        var first = slot.Origin.Self.Line;
        var next = evidence.Slots.Where(s => s.Origin.Path == slot.Origin.Path && s.Origin.Self.Line > first).Select(s => s.Origin.Self.Line).DefaultIfEmpty(int.MaxValue).Min();
        return (first, next);
    }

    private static void AppendText(StringBuilder sb, List<string[]> rows)
    {
        var all = rows.Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (var r in all)
        {
            sb.Append("  ");
            for (var i = 0; i < r.Length; i++)
            {
                sb.Append(i == r.Length - 1 ? r[i] : r[i].PadRight(widths[i] + 2));
            }
            sb.Append('\n');
        }
    }

    private static void AppendMarkdown(StringBuilder sb, List<string[]> rows)
    {
        sb.Append("| ").AppendJoin(" | ", Header).Append(" |\n");
        sb.Append('|').AppendJoin("|", Header.Select(_ => "---")).Append("|\n");
        foreach (var r in rows) sb.Append("| ").AppendJoin(" | ", r.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
        sb.Append('\n');
    }
}
