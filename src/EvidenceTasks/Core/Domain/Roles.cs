namespace EvidenceTasks.Core.Domain;

/// <summary>The four Lesson 186 panel roles; Lesson 182's names are accepted as aliases (SPEC.md "Panel roles").</summary>
public static class PanelRoles
{
    public const string EngineeringLead = "engineering_lead";
    public const string GovernanceOwner = "governance_owner";
    public const string PartnerLiaison = "partner_liaison";
    public const string Scribe = "scribe";

    /// <summary>Canonical roles in ordinal order, the order bindings are hashed in.</summary>
    public static IReadOnlyList<string> Canonical { get; } = [EngineeringLead, GovernanceOwner, PartnerLiaison, Scribe];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["engineering_voice"] = EngineeringLead,
        ["leadership_voice"] = GovernanceOwner,
        ["partner_voice"] = PartnerLiaison,
    };

    /// <summary>The canonical role for a canonical name or a Lesson 182 alias; null for anything else.</summary>
    public static string? Normalize(string role) =>
        Canonical.Contains(role) ? role : Aliases.GetValueOrDefault(role);
}

public static class RehearsalPhases
{
    public const string TMinus14 = "t_minus_14";
    public const string TMinus3 = "t_minus_3";
    public const string TMinus0 = "t_minus_0";

    /// <summary>Lesson 173's rehearsal_kind is derived from the phase; the freeze lift has none.</summary>
    public static string? RehearsalKind(string phase) => phase switch
    {
        TMinus14 => "T-14",
        TMinus3 => "T-3",
        _ => null,
    };
}
