using System.Text.RegularExpressions;

namespace EvidenceTasks.IO.Loading;

/// <summary>The kinds of file in an evidence repository (SPEC.md "Repository layout").</summary>
public enum EvidenceKind
{
    Rubric,
    Allocator,
    CertWindows,
    HandoffWeek,
    RosterSlots,
    AttendanceReceipt,
    MockAuditLog,
    DeficiencyTicket,
    CarveOut,
    SprintBudget,
    QuorumManifest,
    IcsHold,
    Readback,
}

/// <summary>Where a kind lives, how it is written, which schema judges it and which field is its id (its file name).</summary>
public sealed record KindLayout(EvidenceKind Kind, string Directory, string Extension, string? Schema, string? IdField, string? FixedName = null)
{
    public string PathFor(string id) => $"{Directory}/{id}{Extension}";
}

/// <summary>Maps repository-relative paths to evidence kinds; everything under the evidence roots must match one.</summary>
public static partial class EvidenceLayout
{
    /// <summary>Top-level folders whose every file is evidence.</summary>
    public static IReadOnlyList<string> Roots { get; } = ["governance", "roster", "evidence"];

    /// <summary>True for a '/'-separated path strictly below one of the <see cref="Roots"/>.</summary>
    public static bool IsBelowRoot(string path) =>
        Roots.Any(r => path.Length > r.Length + 1 && path.StartsWith(r, StringComparison.Ordinal) && path[r.Length] == '/');

    public static IReadOnlyList<KindLayout> Kinds { get; } =
    [
        new(EvidenceKind.Rubric, "governance/rubric", ".yaml", "rubric", "rubric_version"),
        new(EvidenceKind.Allocator, "governance", ".yaml", "allocator", null, "allocator"),
        new(EvidenceKind.CertWindows, "roster", ".yaml", "cert-windows", null, "cert_windows"),
        new(EvidenceKind.HandoffWeek, "roster/handoff_weeks", ".yaml", "handoff-week", "handoff_week_id"),
        new(EvidenceKind.RosterSlots, "roster/slots", ".yaml", "roster-slots", "cert_window_id"),
        new(EvidenceKind.AttendanceReceipt, "evidence/attendance", ".json", "attendance-receipt", "attendance_id"),
        new(EvidenceKind.MockAuditLog, "evidence/mock-audit-logs", ".json", "mock-audit-log", "mock_audit_id"),
        new(EvidenceKind.DeficiencyTicket, "evidence/deficiencies", ".yaml", "deficiency-ticket", "deficiency_id"),
        new(EvidenceKind.CarveOut, "evidence/carve-outs", ".yaml", "carve-out", "carve_out_id"),
        new(EvidenceKind.SprintBudget, "evidence/sprint-budgets", ".json", "sprint-budget", "sprint_id"),
        new(EvidenceKind.QuorumManifest, "evidence/manifests", ".json", "quorum-manifest", "handoff_week_id"),
        new(EvidenceKind.Readback, "evidence/readbacks", ".md", null, null),
    ];

    public static KindLayout Of(EvidenceKind kind) =>
        kind == EvidenceKind.IcsHold ? IcsLayout : Kinds.First(k => k.Kind == kind);

    private static readonly KindLayout IcsLayout = new(EvidenceKind.IcsHold, "evidence/ics", ".ics", null, null);

    /// <summary>Files any folder may hold that are not evidence.</summary>
    public static bool IsAllowedNonEvidence(string fileName) => fileName is "README.md" or ".gitkeep";

    // \z, not $: .NET's $ also matches before a final newline, which would let "id\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}\z")]
    public static partial Regex IdPattern();

    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>The kind of <paramref name="relativePath"/> and the id its file name carries, or null when it is not part of the layout.</summary>
    public static (KindLayout Layout, string Id)? Classify(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        if (slash < 0) return null;
        var dir = relativePath[..slash];
        var file = relativePath[(slash + 1)..];
        if (dir.StartsWith("evidence/ics/", StringComparison.Ordinal) && dir.Count(c => c == '/') == 2 && file.EndsWith(".ics", StringComparison.Ordinal))
            return (IcsLayout, file[..^4]);
        foreach (var k in Kinds)
        {
            if (dir != k.Directory || !file.EndsWith(k.Extension, StringComparison.Ordinal)) continue;
            var id = file[..^k.Extension.Length];
            if (k.FixedName is not null)
            {
                if (id == k.FixedName) return (k, id);
                continue;
            }
            // governance/ and roster/ also hold fixed-name files; a per-id kind never lives directly there.
            return (k, id);
        }
        return null;
    }
}
