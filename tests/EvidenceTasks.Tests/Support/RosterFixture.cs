using System.Text;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO.Loading;
using NodaTime;

namespace EvidenceTasks.Tests.Support;

/// <summary>One binding line of a slot, written in flow style.</summary>
public sealed record BindingSpec(string Role, string SignerId, string Email, string? Backup = null)
{
    public string Yaml => $"      - {{panel_role: {Role}, signer_id: {SignerId}, signer_email: {Email}{(Backup is null ? string.Empty : $", backup_signer_id: {Backup}")}}}";
}

/// <summary>A roster slot for fixtures; defaults give a valid locked US T-14 slot of window w1, week w1_wk02.</summary>
public sealed record SlotSpec(
    string Id,
    string Start = "2027-01-14T21:00:00Z",
    string End = "2027-01-14T22:30:00Z",
    string Region = "us",
    string? Tz = null,
    string Week = "w1_wk02",
    string Status = "locked",
    string Tuple = "a1b2c3",
    string Rubric = "rubric_v9",
    string? IcsUid = "",
    string? BackupPromoteEvent = null,
    string Label = "T-14 tabletop",
    string Phase = "t_minus_14",
    IReadOnlyList<BindingSpec>? Bindings = null)
{
    public static string ZoneOf(string region) => region switch
    {
        "eu" => "Europe/Berlin",
        "asia" => "Asia/Tokyo",
        _ => "America/Los_Angeles",
    };

    /// <summary>Four valid bindings; the governance owner is the region's owner of the fixture weeks.</summary>
    public static IReadOnlyList<BindingSpec> FourRoles(string region = "us") =>
    [
        new("engineering_lead", "eng.carol", "carol@studio.example", "eng.dan"),
        region switch
        {
            "eu" => new("governance_owner", "eu.eva", "eva@studio.example"),
            "asia" => new("governance_owner", "asia.kenji", "kenji@studio.example"),
            _ => new("governance_owner", "ceo.bob", "bob@studio.example"),
        },
        new("partner_liaison", "partner.liaison", "liaison@partner.example"),
        new("scribe", "eng.alice", "alice@studio.example", "eu.jonas"),
    ];

    public string Yaml
    {
        get
        {
            var sb = new StringBuilder();
            sb.Append("  - roster_slot_id: ").Append(Id).Append('\n')
              .Append("    handoff_week_id: ").Append(Week).Append('\n')
              .Append("    cert_rehearsal_label: ").Append(Label).Append('\n')
              .Append("    rehearsal_phase: ").Append(Phase).Append('\n')
              .Append("    slot_region: ").Append(Region).Append('\n')
              .Append("    slot_local_tz: ").Append(Tz ?? ZoneOf(Region)).Append('\n')
              .Append("    slot_starts_at_utc: ").Append(Start).Append('\n')
              .Append("    slot_ends_at_utc: ").Append(End).Append('\n');
            if (IcsUid is not null) sb.Append("    ics_uid: ").Append(IcsUid.Length == 0 ? Id + "@cert.example" : IcsUid).Append('\n');
            sb.Append("    rubric_version: ").Append(Rubric).Append('\n')
              .Append("    publish_tuple_hash: ").Append(Tuple).Append('\n')
              .Append("    roster_status: ").Append(Status).Append('\n');
            if (BackupPromoteEvent is not null) sb.Append("    backup_promote_event: ").Append(BackupPromoteEvent).Append('\n');
            var bindings = Bindings ?? FourRoles(Region);
            if (bindings.Count == 0) sb.Append("    bindings: []\n");
            else
            {
                sb.Append("    bindings:\n");
                foreach (var b in bindings) sb.Append(b.Yaml).Append('\n');
            }
            return sb.ToString();
        }
    }
}

/// <summary>
/// A small, valid roster-only evidence repository: rubric_v9, the allocator, window w1 (2027-01-04 to 2027-04-30) and
/// its weeks w1_wk02 (from 2027-01-11), w1_wk10 (from 2027-03-08, holding the US DST change on 14 March) and w1_wk12
/// (from 2027-03-22, holding the EU change on 28 March), all with tuple a1b2c3 and the owners bob/eva/kenji.
/// </summary>
public static class RosterFixture
{
    public const string SlotsPath = "roster/slots/w1.yaml";

    /// <summary>An instant while w1 is active but before every fixture slot's lock deadline.</summary>
    public static readonly Instant EarlyInWindow = Instant.FromUtc(2027, 1, 5, 0, 0);

    public static TempEvidenceRepo Create(params SlotSpec[] slots)
    {
        var repo = new TempEvidenceRepo();
        foreach (var path in new[] { "governance/rubric/rubric_v9.yaml", "governance/allocator.yaml" })
            repo.Write(path, KindSamples.ValidFiles[path]);
        repo.Write("roster/cert_windows.yaml", "cert_windows:\n  - {cert_window_id: w1, title: Fixture window, opens_utc: 2027-01-04T00:00:00Z, closes_utc: 2027-04-30T00:00:00Z}\n");
        foreach (var (id, start) in new[] { ("w1_wk02", "2027-01-11"), ("w1_wk10", "2027-03-08"), ("w1_wk12", "2027-03-22") })
            repo.Write($"roster/handoff_weeks/{id}.yaml", Week(id, start, "a1b2c3"));
        return WriteSlots(repo, slots);
    }

    /// <summary>A week of window w1 (KindSamples' w1_wk02 with another id, start and tuple).</summary>
    public static string Week(string id, string startDate, string tuple) => KindSamples.ValidFiles["roster/handoff_weeks/w1_wk02.yaml"]
        .Replace("w1_wk02", id, StringComparison.Ordinal)
        .Replace("2027-01-11T", startDate + "T", StringComparison.Ordinal)
        .Replace("active_publish_tuple_hash: a1b2c3", "active_publish_tuple_hash: " + tuple, StringComparison.Ordinal);

    public static TempEvidenceRepo WriteSlots(TempEvidenceRepo repo, params SlotSpec[] slots) =>
        repo.Write(SlotsPath, "cert_window_id: w1\nslots:" + (slots.Length == 0 ? " []\n" : "\n" + string.Concat(slots.Select(s => s.Yaml))));

    /// <summary>Loads the repository; the fixture must load without a single finding.</summary>
    public static EvidenceSet Load(TempEvidenceRepo repo)
    {
        var loaded = EvidenceLoader.Default.Load(repo.Root);
        Assert.True(loaded.Findings.IsEmpty, string.Join("\n", loaded.Findings));
        return loaded.Evidence;
    }

    /// <summary>Runs one rule over the repository at <paramref name="asOf"/> (default: before the window opens).</summary>
    public static List<Finding> Evaluate(TempEvidenceRepo repo, IGateRule rule, Instant? asOf = null) =>
        rule.Evaluate(Load(repo), new GateContext(asOf ?? Instant.FromUtc(2026, 11, 23, 12, 0))).Order(Finding.ReportOrder).ToList();

    /// <summary>1-based line of the only line of <paramref name="path"/> that contains <paramref name="text"/>.</summary>
    public static int LineOf(TempEvidenceRepo repo, string path, string text)
    {
        var lines = repo.Read(path).Split('\n');
        var hits = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(text, StringComparison.Ordinal)).ToList();
        Assert.True(hits.Count == 1, $"'{text}' is on {hits.Count} lines of {path}");
        return hits[0] + 1;
    }

    /// <summary>1-based line of the first line containing <paramref name="text"/> after the only line containing <paramref name="anchor"/>.</summary>
    public static int LineAfter(TempEvidenceRepo repo, string path, string anchor, string text)
    {
        var lines = repo.Read(path).Split('\n');
        var start = LineOf(repo, path, anchor);
        var i = Array.FindIndex(lines, start, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(i >= 0, $"'{text}' not after '{anchor}' in {path}");
        return i + 1;
    }

    /// <summary>Asserts the single finding's reason, file and line (the line holding <paramref name="lineText"/>).</summary>
    public static Finding AssertSingle(TempEvidenceRepo repo, IEnumerable<Finding> findings, BlockReason reason, string path, string lineText)
    {
        var f = Assert.Single(findings);
        Assert.Equal((reason.Id, path, LineOf(repo, path, lineText)), (f.Reason.Id, f.Location.Path, f.Location.Line));
        return f;
    }
}
