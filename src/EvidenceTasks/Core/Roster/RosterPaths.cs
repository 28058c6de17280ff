namespace EvidenceTasks.Core.Roster;

/// <summary>Repository-relative paths of roster and governance files, for messages and "unreadable" checks.</summary>
public static class RosterPaths
{
    public const string CertWindows = "roster/cert_windows.yaml";

    public static string HandoffWeek(string handoffWeekId) => $"roster/handoff_weeks/{handoffWeekId}.yaml";

    public static string Rubric(string rubricVersion) => $"governance/rubric/{rubricVersion}.yaml";

    public static string Slots(string certWindowId) => $"roster/slots/{certWindowId}.yaml";

    public static string Ics(string certWindowId, string rosterSlotId) => $"evidence/ics/{certWindowId}/{rosterSlotId}.ics";

    public static string Manifest(string handoffWeekId) => $"evidence/manifests/{handoffWeekId}.json";
}
