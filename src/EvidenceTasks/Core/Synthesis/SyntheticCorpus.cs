using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EvidenceTasks.Core.Attendance;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;
using EvidenceTasks.Core.Scoring;
using NodaTime;

namespace EvidenceTasks.Core.Synthesis;

/// <summary>The size of a synthetic corpus (see <see cref="SyntheticCorpus"/>).</summary>
public sealed record SynthSize(int Seed, int Windows, int SlotsPerWindow, int Receipts, int Deficiencies)
{
    public int Slots => Windows * SlotsPerWindow;

    /// <summary>Why these numbers cannot make a valid repository, or null. One receipt per ICS UID, one log per receipt.</summary>
    public string? Problem() =>
        Windows < 1 ? "--windows must be at least 1"
        : SlotsPerWindow is < 1 or > SyntheticCorpus.MaxSlotsPerWindow ? $"--slots-per-window must be 1..{SyntheticCorpus.MaxSlotsPerWindow} (one handoff week of non-overlapping slots)"
        : Receipts < 0 || Receipts > Slots ? $"--receipts must be 0..{Slots}: one receipt per locked slot (windows × slots per window)"
        : Deficiencies < 0 || (Deficiencies > 0 && Receipts == 0) ? "--deficiencies needs at least one receipt (tickets are raised on logs)"
        : null;
}

/// <summary>One generated file: repository-relative path and either its text or (JSON evidence) its tree, which the IO ring lays out with EvidenceJson.</summary>
public sealed record SynthFile(string Path, string? Text, JsonObject? Json)
{
    public SynthFile(string path, string text) : this(path, text, null) { }

    public SynthFile(string path, JsonObject json) : this(path, null, json) { }
}

/// <summary>A generated repository: its files in commit order (each file after everything it refers to) and the as_of it passes the gate at.</summary>
public sealed record SynthCorpus(Instant AsOf, ImmutableArray<SynthFile> Files);

/// <summary>
/// A valid evidence repository of a given size, deterministic by seed, for benchmarks (docs/performance.md). Pure: it
/// builds files in memory from the project's own builders (receipt seal, scoring, quorum manifests, ICS holds), so the
/// corpus passes the gate by construction. Shape: <c>Windows</c> consecutive two-week cert windows, each with one handoff
/// week of <c>SlotsPerWindow</c> locked, non-overlapping 90-minute slots (so signers never conflict); the first
/// <c>Receipts</c> slots have a completed, sealed receipt and a scored log; <c>Deficiencies</c> tickets are spread over
/// the logs; one carve-out per (dimension, tag) keeps structural-red rows from blocking. Every window is closed at the
/// returned as_of.
/// </summary>
public static class SyntheticCorpus
{
    public const int MaxSlotsPerWindow = 60;
    public const string RubricVersion = "mock_audit_rubric_v1";
    private const string TupleHash = "e9c4d1a7";
    private static readonly Instant FirstWindow = Instant.FromUtc(2019, 1, 7, 0, 0); // a Monday
    private static readonly Duration WindowSpan = Duration.FromDays(14);
    private static readonly Duration SlotSpacing = Duration.FromMinutes(150);
    private static readonly string[] Regions = ["us", "eu", "asia"];
    private static readonly string[] Zones = ["America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo"];
    private static readonly string[] Owners = ["bob@studio.example", "jonas@studio.example", "mei@studio.example"];
    private static readonly string[] OwnerIds = ["ceo.bob", "eu.jonas", "asia.mei"];
    private static readonly string[] Severities = ["cert_blocking", "major", "major", "minor", "minor", "minor"];
    private static readonly string[] TicketStatuses = ["open", "resolved", "resolved", "withdrawn"];

    public static readonly Rubric Rubric = new(RubricVersion, 4, 75,
    [
        new(1, "Leadership vs partner SLA alignment", 15), new(2, "Carve-out annex presence", 10),
        new(3, "Footer semver + replay parser pin", 15), new(4, "Weekly reconciliation green", 15),
        new(5, "Synthetic replay diff gate green", 20), new(6, "FAQ-bound readback discipline", 10),
        new(7, "Publish-pipeline tuple-drift block", 15),
    ],
    [
        "sla_snapshot_mismatch", "dictionary_label_drift", "carve_out_annex_missing", "signer_route_unacked", "footer_semver_unpinned",
        "parser_pin_stale", "reconciliation_job_red", "replay_diff_epsilon_drift", "faq_unbound_readback", "tuple_drift_unblocked",
    ], Origin.Synthetic(RosterPaths.Rubric(RubricVersion)));

    public static SynthCorpus Generate(SynthSize size)
    {
        if (size.Problem() is { } problem) throw new ArgumentException(problem, nameof(size));
        var random = new Random(size.Seed);
        var files = ImmutableArray.CreateBuilder<SynthFile>();
        var lastClose = FirstWindow + WindowSpan * size.Windows;
        var asOf = lastClose + Duration.FromDays(30);

        files.Add(new SynthFile(RosterPaths.Rubric(RubricVersion), RubricYaml()));
        files.Add(new SynthFile("governance/allocator.yaml", AllocatorYaml));
        files.Add(new SynthFile("roster/cert_windows.yaml", CertWindowsYaml(size.Windows)));
        foreach (var dim in Rubric.Dimensions)
            foreach (var tag in Rubric.FailureModeTags)
                files.Add(new SynthFile($"evidence/carve-outs/co-d{dim.Dimension}-{tag.Replace('_', '-')}.yaml", CarveOutYaml(dim.Dimension, tag, asOf)));

        var ticketsPerLog = size.Receipts == 0 ? 0 : size.Deficiencies / size.Receipts;
        var extraTickets = size.Receipts == 0 ? 0 : size.Deficiencies % size.Receipts;
        var receiptCount = 0;
        var ticketCount = 0;
        for (var w = 0; w < size.Windows; w++)
        {
            var windowId = WindowId(w);
            var week = Week(w);
            var slots = Enumerable.Range(0, size.SlotsPerWindow).Select(j => Slot(w, j, week, random)).ToImmutableArray();
            files.Add(new SynthFile(RosterPaths.HandoffWeek(week.HandoffWeekId), WeekYaml(week)));
            files.Add(new SynthFile(RosterPaths.Slots(windowId), SlotsYaml(windowId, slots)));
            foreach (var slot in slots)
                files.Add(new SynthFile(IcsHoldBuilder.PathFor(slot), IcsHoldBuilder.Build(slot, week, 0)));
            files.Add(new SynthFile(RosterPaths.Manifest(week.HandoffWeekId), QuorumManifestBuilder.Build(week, slots)));

            foreach (var slot in slots)
            {
                if (receiptCount == size.Receipts) break;
                var tickets = ticketsPerLog + (receiptCount < extraTickets ? 1 : 0);
                receiptCount++;
                files.AddRange(Rehearsal(slot, tickets, ticketCount, random));
                ticketCount += tickets;
            }
        }
        return new SynthCorpus(asOf, files.ToImmutable());
    }

    /// <summary>A receipt, its scored log and its tickets, in that order.</summary>
    private static List<SynthFile> Rehearsal(RosterSlot slot, int ticketCount, int ticketsBefore, Random random)
    {
        var start = slot.SlotStartsAtUtc + Duration.FromSeconds(random.Next(0, 600));
        var end = start + Duration.FromMinutes(random.Next(80, 115));
        var attendanceId = ReceiptDocuments.DefaultAttendanceId(slot);
        var logId = MockAuditLogDocuments.DefaultLogId(attendanceId);
        var receipt = ReceiptDocuments.Scaffold(slot, attendanceId);
        receipt["actual_start_utc"] = Timestamps.Format(start);
        receipt["actual_end_utc"] = Timestamps.Format(end);
        receipt["attendance_status"] = ReceiptChecks.Completed;
        receipt["created_at_utc"] = Timestamps.Format(end + Duration.FromMinutes(8));
        var sealedReceipt = ReceiptDocuments.Sealed(receipt, logId);

        var kind = RehearsalPhases.RehearsalKind(slot.RehearsalPhase);
        var tickets = new List<SynthFile>(ticketCount);
        var certBlocking = false;
        for (var t = 0; t < ticketCount; t++)
        {
            var id = $"def-{ticketsBefore + t + 1:D6}";
            var severity = Severities[random.Next(Severities.Length)];
            certBlocking |= severity == MockAuditScoring.CertBlocking;
            var dimension = random.Next(1, 8);
            var tag = Rubric.FailureModeTags[random.Next(Rubric.FailureModeTags.Length)];
            var status = TicketStatuses[random.Next(TicketStatuses.Length)];
            var resolved = status == "resolved" ? start + Duration.FromHours(random.Next(2, 300)) : (Instant?)null;
            tickets.Add(new SynthFile($"evidence/deficiencies/{id}.yaml", TicketYaml(id, logId, slot.CertWindowId, dimension, tag, severity, kind!, status, resolved)));
        }

        var scores = Enumerable.Range(1, 7).ToDictionary(d => d, _ => random.Next(2, 5));
        var weighted = MockAuditScoring.WeightedScore(Rubric, scores);
        var result = new ScoreResult(weighted, weighted >= Rubric.PassThreshold && !certBlocking, Rubric.PassThreshold, []);
        var draft = new JsonObject
        {
            ["mock_audit_id"] = logId,
            ["attendance_id"] = attendanceId,
            ["cert_window_id"] = slot.CertWindowId,
            ["rubric_version"] = slot.RubricVersion,
            ["rehearsal_kind"] = kind,
            ["rehearsal_dt_utc"] = Timestamps.Format(start),
            ["status"] = "draft",
        };
        return
        [
            new SynthFile(EvidencePaths.Receipt(attendanceId), sealedReceipt),
            new SynthFile(EvidencePaths.Log(logId), MockAuditLogDocuments.Scored(draft, scores, result)),
            .. tickets,
        ];
    }

    public static string WindowId(int w) => $"w{w:D4}_synth";

    private static HandoffWeek Week(int w)
    {
        var starts = FirstWindow + WindowSpan * w;
        return new HandoffWeek($"{WindowId(w)}_wk1", WindowId(w), starts, Owners[0], Owners[1], Owners[2], Zones[0], Zones[1], Zones[2], TupleHash,
            Origin.Synthetic(string.Empty));
    }

    private static RosterSlot Slot(int w, int j, HandoffWeek week, Random random)
    {
        var region = j % 3;
        var t14 = j % 2 == 0;
        var id = $"w{w:D4}_s{j:D2}_{Regions[region]}_{(t14 ? "t14" : "t3")}";
        var starts = week.WeekStartsUtc + Duration.FromHours(6) + SlotSpacing * j;
        var engineer = random.Next(1, 21);
        var scribe = (engineer + random.Next(1, 20) - 1) % 20 + 1;
        SignerBinding Bind(string role, string signer, string email, string? backup = null) => new(role, signer, email, backup, Origin.Synthetic(string.Empty));
        return new RosterSlot(id, week.CertWindowId, week.HandoffWeekId, t14 ? "T-14 tabletop" : "T-3 tabletop", t14 ? "t_minus_14" : "t_minus_3",
            Regions[region], Zones[region], starts, starts + Duration.FromMinutes(90), $"{id}@cert.studio.example", RubricVersion, TupleHash, "locked", null,
            [
                Bind(PanelRoles.EngineeringLead, $"eng.e{engineer:D2}", $"e{engineer:D2}@studio.example"),
                Bind(PanelRoles.GovernanceOwner, OwnerIds[region], Owners[region]),
                Bind(PanelRoles.PartnerLiaison, "partner.liaison", "liaison@partner.example"),
                Bind(PanelRoles.Scribe, $"eng.e{scribe:D2}", $"e{scribe:D2}@studio.example"),
            ], Origin.Synthetic(string.Empty));
    }

    private static string Ts(Instant i) => Timestamps.Format(i);

    private static string RubricYaml()
    {
        var sb = new StringBuilder("# yaml-language-server: $schema=../../schemas/rubric.schema.json\n");
        sb.Append(CultureInfo.InvariantCulture, $"rubric_version: {RubricVersion}\nmax_score: {Rubric.MaxScore}\npass_threshold: {Rubric.PassThreshold}\ndimensions:\n");
        foreach (var d in Rubric.Dimensions)
            sb.Append(CultureInfo.InvariantCulture, $"  - {{rubric_dimension: {d.Dimension}, name: {d.Name}, weight: {d.Weight}}}\n");
        sb.Append("failure_mode_tags:\n");
        foreach (var t in Rubric.FailureModeTags) sb.Append("  - ").Append(t).Append('\n');
        return sb.ToString();
    }

    private const string AllocatorYaml = """
        # yaml-language-server: $schema=../schemas/allocator.schema.json
        allocator_version: 1
        lanes:
          - {lane: lessons_164_166, rubric_dimensions: [1, 4], title: Lessons 164+166 - Alignment}
          - {lane: lesson_163, rubric_dimensions: [2], title: Lesson 163 - Carve-out trails}
          - {lane: lesson_165, rubric_dimensions: [3], title: Lesson 165 - Footer schema}
          - {lane: lesson_167, rubric_dimensions: [5], title: Lesson 167 - Diff gate}
          - {lane: lesson_170, rubric_dimensions: [6], title: Lesson 170 - FAQ discipline}
          - {lane: lesson_171, rubric_dimensions: [7], title: Lesson 171 - Publish gate}
        classification_weights:
          structural-red: 5
          hot: 3
          recurring-minor: 1
          improving: 0.5
          stable: 0
        lane_cap_pct: 40
        reserved_min_pct: 20
        lock_deadline_hours: 72

        """;

    private static string CertWindowsYaml(int windows)
    {
        var sb = new StringBuilder("# yaml-language-server: $schema=../schemas/cert-windows.schema.json\ncert_windows:\n");
        for (var w = 0; w < windows; w++)
        {
            var opens = FirstWindow + WindowSpan * w;
            sb.Append("  - cert_window_id: ").Append(WindowId(w)).Append('\n')
              .Append("    title: Synthetic window ").Append(w.ToString(CultureInfo.InvariantCulture)).Append('\n')
              .Append("    opens_utc: ").Append(Ts(opens)).Append('\n')
              .Append("    closes_utc: ").Append(Ts(opens + WindowSpan)).Append('\n');
        }
        return sb.ToString();
    }

    private static string WeekYaml(HandoffWeek week) => $"""
        # yaml-language-server: $schema=../../schemas/handoff-week.schema.json
        handoff_week_id: {week.HandoffWeekId}
        cert_window_id: {week.CertWindowId}
        week_starts_utc: {Ts(week.WeekStartsUtc)}
        us_owner_email: {week.UsOwnerEmail}
        eu_owner_email: {week.EuOwnerEmail}
        asia_owner_email: {week.AsiaOwnerEmail}
        us_business_tz: {week.UsBusinessTz}
        eu_business_tz: {week.EuBusinessTz}
        asia_business_tz: {week.AsiaBusinessTz}
        active_publish_tuple_hash: {week.ActivePublishTupleHash}

        """;

    private static string SlotsYaml(string windowId, ImmutableArray<RosterSlot> slots)
    {
        var sb = new StringBuilder("# yaml-language-server: $schema=../../schemas/roster-slots.schema.json\n");
        sb.Append("cert_window_id: ").Append(windowId).Append("\nslots:\n");
        foreach (var s in slots)
        {
            sb.Append("  - roster_slot_id: ").Append(s.RosterSlotId).Append('\n')
              .Append("    handoff_week_id: ").Append(s.HandoffWeekId).Append('\n')
              .Append("    cert_rehearsal_label: ").Append(s.CertRehearsalLabel).Append('\n')
              .Append("    rehearsal_phase: ").Append(s.RehearsalPhase).Append('\n')
              .Append("    slot_region: ").Append(s.SlotRegion).Append('\n')
              .Append("    slot_local_tz: ").Append(s.SlotLocalTz).Append('\n')
              .Append("    slot_starts_at_utc: ").Append(Ts(s.SlotStartsAtUtc)).Append('\n')
              .Append("    slot_ends_at_utc: ").Append(Ts(s.SlotEndsAtUtc)).Append('\n')
              .Append("    ics_uid: ").Append(s.IcsUid).Append('\n')
              .Append("    rubric_version: ").Append(s.RubricVersion).Append('\n')
              .Append("    publish_tuple_hash: ").Append(s.PublishTupleHash).Append('\n')
              .Append("    roster_status: ").Append(s.RosterStatus).Append('\n')
              .Append("    bindings:\n");
            foreach (var b in s.Bindings)
                sb.Append("      - {panel_role: ").Append(b.PanelRole).Append(", signer_id: ").Append(b.SignerId)
                  .Append(", signer_email: ").Append(b.SignerEmail).Append("}\n");
        }
        return sb.ToString();
    }

    private static string TicketYaml(string id, string logId, string windowId, int dimension, string tag, string severity, string slaTier, string status, Instant? resolved)
    {
        var sb = new StringBuilder("# yaml-language-server: $schema=../../schemas/deficiency-ticket.schema.json\n");
        sb.Append("deficiency_id: ").Append(id).Append('\n')
          .Append("mock_audit_id: ").Append(logId).Append('\n')
          .Append("cert_window_id: ").Append(windowId).Append('\n')
          .Append("rubric_dimension: ").Append(dimension.ToString(CultureInfo.InvariantCulture)).Append('\n')
          .Append("failure_mode_tag: ").Append(tag).Append('\n')
          .Append("severity: ").Append(severity).Append('\n')
          .Append("sla_tier: ").Append(slaTier).Append('\n')
          .Append("status: ").Append(status).Append('\n');
        if (resolved is { } r) sb.Append("resolved_dt_utc: ").Append(Ts(r)).Append('\n');
        sb.Append("footer_schema_semver: 1.4.0\nepsilon_policy_version: eps-2026.2\n")
          .Append("summary: Synthetic finding on dimension ").Append(dimension.ToString(CultureInfo.InvariantCulture)).Append(".\n");
        return sb.ToString();
    }

    private static string CarveOutYaml(int dimension, string tag, Instant asOf) => $"""
        # yaml-language-server: $schema=../../schemas/carve-out.schema.json
        carve_out_id: co-d{dimension}-{tag.Replace('_', '-')}
        rubric_dimension: {dimension}
        failure_mode_tag: {tag}
        approved_by: ceo.bob
        approved_dt_utc: {Ts(FirstWindow)}
        expires_dt_utc: {Ts(asOf + Duration.FromDays(3650))}
        rationale: Synthetic corpus; accepted so recurring rows do not block the benchmark gate.

        """;
}
