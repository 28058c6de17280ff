namespace EvidenceTasks.Core.Attendance;

/// <summary>
/// Repository-relative paths of the evidence kinds rules refer to across files (SPEC.md "Repository layout"), so a rule can
/// tell a missing record from one whose file failed to load (<see cref="EvidenceSet.IsUnreadable"/>).
/// </summary>
public static class EvidencePaths
{
    public static string Receipt(string attendanceId) => $"evidence/attendance/{attendanceId}.json";

    public static string Log(string mockAuditId) => $"evidence/mock-audit-logs/{mockAuditId}.json";

    public static string Rubric(string rubricVersion) => $"governance/rubric/{rubricVersion}.yaml";

    public const string DeficienciesFolder = "evidence/deficiencies/";

    public const string SlotsFolder = "roster/slots/";

    /// <summary>True when some file under <paramref name="folder"/> failed to load, so a record may be missing only because of it.</summary>
    public static bool AnyUnreadableUnder(EvidenceSet evidence, string folder) =>
        evidence.UnreadablePaths.Any(p => p.StartsWith(folder, StringComparison.Ordinal));
}
