using System.Globalization;
using EvidenceTasks.Core;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.Tests.Support;

/// <summary>
/// A real temporary evidence folder for trend-board, budget and readback tests: the sample allocator, and scored or
/// draft logs and tickets written as real files (so findings carry real lines). Ids are log-0001…, def-0001….
/// </summary>
public sealed class TrendRepo : IDisposable
{
    private readonly Dictionary<string, string> _windowOfLog = new(StringComparer.Ordinal);
    private int _logs;
    private int _tickets;

    public TrendRepo()
    {
        Repo.Write("governance/allocator.yaml", KindSamples.ValidFiles["governance/allocator.yaml"]);
    }

    public TempEvidenceRepo Repo { get; } = new();

    public string Root => Repo.Root;

    /// <summary>Writes a mock-audit log of <paramref name="window"/> rehearsed at <paramref name="rehearsal"/>; returns its id.</summary>
    public string Log(string window, string rehearsal, bool scored = true)
    {
        var id = $"log-{++_logs:0000}";
        _windowOfLog[id] = window;
        var scoredFields = scored
            ? """
              ,
                "scores": {"1": 4, "2": 4, "3": 4, "4": 4, "5": 4, "6": 4, "7": 4},
                "weighted_score": 100,
                "pass_bit": true
              """
            : string.Empty;
        Repo.Write($"evidence/mock-audit-logs/{id}.json", $$"""
            {
              "mock_audit_id": "{{id}}",
              "attendance_id": "att-{{id}}",
              "cert_window_id": "{{window}}",
              "rubric_version": "rubric_v9",
              "rehearsal_kind": "T-14",
              "rehearsal_dt_utc": "{{rehearsal}}",
              "status": "{{(scored ? "scored" : "draft")}}"{{scoredFields.TrimEnd()}}
            }

            """);
        return id;
    }

    /// <summary>Writes a ticket on <paramref name="log"/>; returns its id.</summary>
    public string Ticket(string log, int dimension, string tag, string severity = "minor", string status = "open", string? resolved = null, string? carveOut = null)
    {
        var id = $"def-{++_tickets:0000}";
        var extra = (resolved is null ? string.Empty : $"resolved_dt_utc: {resolved}\n") + (carveOut is null ? string.Empty : $"carve_out_id: {carveOut}\n");
        Repo.Write($"evidence/deficiencies/{id}.yaml",
            $"deficiency_id: {id}\nmock_audit_id: {log}\ncert_window_id: {_windowOfLog[log]}\nrubric_dimension: {dimension.ToString(CultureInfo.InvariantCulture)}\n" +
            $"failure_mode_tag: {tag}\nseverity: {severity}\nsla_tier: T-14\nstatus: {status}\n{extra}footer_schema_semver: 1.4.0\nepsilon_policy_version: eps-2026.3\n");
        return id;
    }

    /// <summary>
    /// One scored log and one ticket for (<paramref name="dimension"/>, <paramref name="tag"/>) per occurrence; the first
    /// <paramref name="certBlocking"/> tickets are cert_blocking, the rest minor. Returns the ticket ids.
    /// </summary>
    public List<string> Recur(int dimension, string tag, IEnumerable<(string Window, string Rehearsal)> occurrences, int certBlocking = 0)
    {
        var ids = new List<string>();
        foreach (var (window, rehearsal) in occurrences)
            ids.Add(Ticket(Log(window, rehearsal), dimension, tag, ids.Count < certBlocking ? "cert_blocking" : "minor"));
        return ids;
    }

    /// <summary><paramref name="count"/> windows w1…wN, rehearsed one day apart ending at <paramref name="last"/>.</summary>
    public static IEnumerable<(string Window, string Rehearsal)> Windows(int count, string last, string prefix = "w") =>
        Enumerable.Range(1, count).Select(i => ($"{prefix}{i}", Timestamps.Format(Timestamps.Parse(last) - NodaTime.Duration.FromDays(count - i))));

    public TrendRepo CarveOut(string id, int dimension, string tag, string approved, string expires)
    {
        Repo.Write($"evidence/carve-outs/{id}.yaml",
            $"carve_out_id: {id}\nrubric_dimension: {dimension.ToString(CultureInfo.InvariantCulture)}\nfailure_mode_tag: {tag}\napproved_by: ceo.bob\n" +
            $"approved_dt_utc: {approved}\nexpires_dt_utc: {expires}\nrationale: Accepted for the test.\n");
        return this;
    }

    /// <summary>Loads the folder with the real loader; every file must load.</summary>
    public EvidenceSet Load()
    {
        var result = EvidenceLoader.Default.Load(Root);
        Assert.Empty(result.Findings);
        return result.Evidence;
    }

    public void Dispose() => Repo.Dispose();
}
