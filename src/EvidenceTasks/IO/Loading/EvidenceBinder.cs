using System.Collections.Immutable;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Hashing;

namespace EvidenceTasks.IO.Loading;

/// <summary>Turns schema-valid documents into domain records (one method per kind). Pure: no file system here.</summary>
public static class EvidenceBinder
{
    /// <summary>Binds <paramref name="document"/> into <paramref name="into"/>; returns false (and adds findings) when the file cannot become records.</summary>
    public static bool Bind(KindLayout layout, ParsedDocument document, EvidenceSetBuilder into, List<Finding> findings)
    {
        if (document.Root is not JsonObject root)
        {
            findings.Add(Finding.Error(BlockReason.SchemaInvalid, new SourceLocation(document.Path, 1, 1), "expected a mapping of fields at the top of the file", "See docs/formats.md."));
            return false;
        }
        var r = new FieldReader(root, new Origin(document.Path, string.Empty, document.Positions), findings);
        var staged = new EvidenceSetBuilder();
        switch (layout.Kind)
        {
            case EvidenceKind.Rubric: staged.Rubrics.Add(Rubric(r)); break;
            case EvidenceKind.Allocator: staged.Allocators.Add(Allocator(r)); break;
            case EvidenceKind.CertWindows: staged.CertWindows.AddRange(r.Items("cert_windows").Select(CertWindow)); break;
            case EvidenceKind.HandoffWeek: staged.HandoffWeeks.Add(HandoffWeek(r)); break;
            case EvidenceKind.RosterSlots: staged.Slots.AddRange(Slots(r)); break;
            case EvidenceKind.AttendanceReceipt: staged.Receipts.Add(Receipt(r)); break;
            case EvidenceKind.MockAuditLog: staged.Logs.Add(Log(r)); break;
            case EvidenceKind.DeficiencyTicket: staged.Deficiencies.Add(Deficiency(r)); break;
            case EvidenceKind.CarveOut: staged.CarveOuts.Add(CarveOut(r)); break;
            case EvidenceKind.SprintBudget: staged.SprintBudgets.Add(Budget(r)); break;
            case EvidenceKind.QuorumManifest: staged.Manifests.Add(Manifest(r)); break;
            default: throw new ArgumentOutOfRangeException(nameof(layout), layout.Kind, "not a structured kind");
        }
        if (r.AnyFailed) return false;
        into.AddAll(staged);
        return true;
    }

    public static Rubric Rubric(FieldReader r)
    {
        var dims = r.Items("dimensions").Select(d => new RubricDimension(d.Int("rubric_dimension"), d.Str("name"), d.Dec("weight"))).ToImmutableArray();
        var tags = r.Array("failure_mode_tags").Select(t => t?.GetValue<string>() ?? string.Empty).ToImmutableArray();
        var rubric = new Rubric(r.Str("rubric_version"), r.Int("max_score"), r.Dec("pass_threshold"), dims, tags, r.Origin);
        if (dims.Length > 0 && dims.Sum(d => d.Weight) != 100m)
            r.Fail<object?>("dimensions", $"dimension weights sum to {FieldReader.Invariant(dims.Sum(d => d.Weight))}, not 100", "Make the seven weights add up to exactly 100 (Lesson 172).", null);
        var expected = Enumerable.Range(1, 7).ToArray();
        if (dims.Length > 0 && !dims.Select(d => d.Dimension).Order().SequenceEqual(expected))
            r.Fail<object?>("dimensions", "dimensions must be numbered 1 to 7, each once", "Give rubric_dimension 1..7 exactly once each.", null);
        return rubric;
    }

    public static AllocatorConfig Allocator(FieldReader r)
    {
        var lanes = r.Items("lanes").Select(l => new AllocatorLane(
            l.Str("lane"),
            l.Array("rubric_dimensions").Select(d => d is JsonValue v && v.TryGetValue<long>(out var x) ? (int)x : 0).ToImmutableArray(),
            l.OptStr("title"))).ToImmutableArray();
        var weights = r.Object["classification_weights"] is JsonObject w
            ? w.ToImmutableSortedDictionary(p => p.Key, p => p.Value is JsonValue v ? FieldReader.ToDecimal(v) ?? 0m : 0m, StringComparer.Ordinal)
            : ImmutableSortedDictionary<string, decimal>.Empty;
        var lockHours = r.Has("lock_deadline_hours") ? r.Int("lock_deadline_hours") : AllocatorConfig.DefaultLockDeadlineHours;
        var mapped = lanes.SelectMany(l => l.RubricDimensions).ToArray();
        if (lanes.Length > 0 && !mapped.Order().SequenceEqual(Enumerable.Range(1, 7)))
            r.Fail<object?>("lanes", "lanes must map each rubric dimension 1..7 exactly once", "List every dimension under exactly one lane (SPEC.md Allocator).", null);
        return new AllocatorConfig(lanes, weights, r.Dec("lane_cap_pct"), r.Dec("reserved_min_pct"), lockHours, r.Origin);
    }

    public static CertWindow CertWindow(FieldReader r)
    {
        var w = new CertWindow(r.Str("cert_window_id"), r.OptStr("title"), r.Time("opens_utc"), r.Time("closes_utc"), r.Origin);
        if (!r.AnyFailed && w.ClosesUtc <= w.OpensUtc)
            r.Fail<object?>("closes_utc", "closes_utc is not after opens_utc", "A window closes after it opens.", null);
        return w;
    }

    public static HandoffWeek HandoffWeek(FieldReader r) => new(
        r.Str("handoff_week_id"), r.Str("cert_window_id"), r.Time("week_starts_utc"),
        r.Str("us_owner_email"), r.Str("eu_owner_email"), r.Str("asia_owner_email"),
        r.Zone("us_business_tz"), r.Zone("eu_business_tz"), r.Zone("asia_business_tz"),
        r.Str("active_publish_tuple_hash"), r.Origin);

    public static IEnumerable<RosterSlot> Slots(FieldReader file)
    {
        var windowId = file.Str("cert_window_id");
        return file.Items("slots").Select(s => new RosterSlot(
            s.Str("roster_slot_id"), windowId, s.Str("handoff_week_id"), s.Str("cert_rehearsal_label"),
            s.Str("rehearsal_phase"), s.Str("slot_region"), s.Zone("slot_local_tz"),
            s.Time("slot_starts_at_utc"), s.Time("slot_ends_at_utc"), NonEmpty(s.OptStr("ics_uid")),
            s.Str("rubric_version"), s.Str("publish_tuple_hash"), s.Str("roster_status"), s.OptStr("backup_promote_event"),
            s.Items("bindings").Select(b => new SignerBinding(b.Str("panel_role"), b.Str("signer_id"), b.Str("signer_email"), b.OptStr("backup_signer_id"), b.Origin)).ToImmutableArray(),
            s.Origin)).ToList();
    }

    public static AttendanceReceipt Receipt(FieldReader r)
    {
        var present = r.Items("panel_present").Select(p =>
        {
            var role = p.Str("role");
            return new PanelPresence(role, PanelRoles.Normalize(role), p.Str("signer_id"), p.Origin);
        }).ToImmutableArray();
        return new AttendanceReceipt(
            r.Str("attendance_id"), r.Str("cert_window_id"), r.Str("ics_uid"), r.Str("rehearsal_phase"),
            r.Time("scheduled_start_utc"), r.OptTime("actual_start_utc"), r.OptTime("actual_end_utc"),
            r.Str("scribe_signer_id"), present, r.Str("attendance_status"), r.OptStr("mock_audit_log_id"),
            r.OptStr("receipt_sha256"), Sha256Hex.OfCanonicalWithout(r.Object, "receipt_sha256"), r.Origin);
    }

    public static MockAuditLog Log(FieldReader r)
    {
        var status = r.Str("status");
        var scored = status == "scored";
        r.RequireIff("weighted_score", scored, "status is scored");
        r.RequireIff("pass_bit", scored, "status is scored");
        if (scored && !r.Has("scores")) r.Fail<object?>(null, "missing required field 'scores' (status is scored)", "Add one score per rubric dimension.", null);
        var scores = r.Object["scores"] is JsonObject so
            ? so.ToImmutableSortedDictionary(
                p => int.TryParse(p.Key, out var k) ? k : 0,
                p => p.Value is JsonValue v && v.TryGetValue<long>(out var x) ? (int)x : -1)
            : ImmutableSortedDictionary<int, int>.Empty;
        return new MockAuditLog(
            r.Str("mock_audit_id"), r.OptStr("attendance_id"), r.Str("cert_window_id"), r.Str("rubric_version"),
            r.Str("rehearsal_kind"), r.Time("rehearsal_dt_utc"), status, scores, r.OptDec("weighted_score"), r.OptBool("pass_bit"), r.Origin);
    }

    public static DeficiencyTicket Deficiency(FieldReader r)
    {
        var status = r.Str("status");
        r.RequireIff("resolved_dt_utc", status == "resolved", "status is resolved");
        r.RequireIff("carve_out_id", status == "carved_out", "status is carved_out");
        return new DeficiencyTicket(
            r.Str("deficiency_id"), r.Str("mock_audit_id"), r.Str("cert_window_id"), r.Int("rubric_dimension"),
            r.Str("failure_mode_tag"), r.Str("severity"), r.Str("sla_tier"), status, r.OptTime("resolved_dt_utc"),
            r.OptStr("carve_out_id"), r.Str("footer_schema_semver"), r.Str("epsilon_policy_version"), r.OptStr("summary"), r.Origin);
    }

    public static CarveOut CarveOut(FieldReader r)
    {
        var c = new CarveOut(r.Str("carve_out_id"), r.Int("rubric_dimension"), r.Str("failure_mode_tag"), r.Str("approved_by"),
            r.Time("approved_dt_utc"), r.Time("expires_dt_utc"), r.Str("rationale"), r.Origin);
        if (!r.AnyFailed && c.ExpiresDtUtc <= c.ApprovedDtUtc)
            r.Fail<object?>("expires_dt_utc", "expires_dt_utc is not after approved_dt_utc", "A carve-out expires after it is approved.", null);
        return c;
    }

    /// <summary>The budget file's lane columns, in the seed table's naming (SPEC.md Allocator).</summary>
    public static IReadOnlyList<string> BudgetLanes { get; } =
        ["lessons_164_166", "lesson_163", "lesson_165", "lesson_167", "lesson_170", "lesson_171", "reserved"];

    public static SprintBudget Budget(FieldReader r) => new(
        r.Str("sprint_id"), r.Time("as_of"), r.Time("generated_dt_utc"),
        BudgetLanes.ToImmutableSortedDictionary(l => l, l => r.Dec(l + "_pct"), StringComparer.Ordinal),
        r.Str("trend_board_snapshot_hash"), r.Str("approved_by"), r.OptStr("variance_note"), r.Origin)
    {
        InputsSha256 = r.Object["inputs_sha256"] is JsonObject inputs
            ? inputs.ToImmutableSortedDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var h) ? h : string.Empty, StringComparer.Ordinal)
            : ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal),
    };

    public static QuorumManifest Manifest(FieldReader r)
    {
        var slots = r.Items("slots").Select(s => new ManifestSlot(
            s.Str("roster_slot_id"), s.Str("slot_region"), s.Str("slot_local_tz"), s.Time("slot_starts_at_utc"), s.Str("signers_sha256"), s.Origin)).ToImmutableArray();
        return new QuorumManifest(r.Str("handoff_week_id"), r.Str("cert_window_id"), r.Str("publish_tuple_hash"), slots,
            r.Str("manifest_sha256"), Sha256Hex.OfCanonicalWithout(r.Object, "manifest_sha256"), r.Origin);
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

/// <summary>Collects records while files load (in any order), then freezes them sorted by path and position.</summary>
/// <remarks>
/// The loader makes one builder per file and keeps them all until the merge, so the lists are made on first use: a file
/// holds one or two kinds, and thirteen empty lists per file were a fifth of what a large load kept alive.
/// </remarks>
public sealed class EvidenceSetBuilder
{
    private List<Rubric>? _rubrics;
    private List<AllocatorConfig>? _allocators;
    private List<CertWindow>? _certWindows;
    private List<HandoffWeek>? _handoffWeeks;
    private List<RosterSlot>? _slots;
    private List<AttendanceReceipt>? _receipts;
    private List<MockAuditLog>? _logs;
    private List<DeficiencyTicket>? _deficiencies;
    private List<CarveOut>? _carveOuts;
    private List<SprintBudget>? _sprintBudgets;
    private List<QuorumManifest>? _manifests;
    private List<IcsHold>? _icsHolds;
    private List<Readback>? _readbacks;
    private Dictionary<string, string>? _fileSha256;
    private HashSet<string>? _unreadablePaths;

    public List<Rubric> Rubrics => _rubrics ??= [];
    public List<AllocatorConfig> Allocators => _allocators ??= [];
    public List<CertWindow> CertWindows => _certWindows ??= [];
    public List<HandoffWeek> HandoffWeeks => _handoffWeeks ??= [];
    public List<RosterSlot> Slots => _slots ??= [];
    public List<AttendanceReceipt> Receipts => _receipts ??= [];
    public List<MockAuditLog> Logs => _logs ??= [];
    public List<DeficiencyTicket> Deficiencies => _deficiencies ??= [];
    public List<CarveOut> CarveOuts => _carveOuts ??= [];
    public List<SprintBudget> SprintBudgets => _sprintBudgets ??= [];
    public List<QuorumManifest> Manifests => _manifests ??= [];
    public List<IcsHold> IcsHolds => _icsHolds ??= [];
    public List<Readback> Readbacks => _readbacks ??= [];
    public Dictionary<string, string> FileSha256 => _fileSha256 ??= new(StringComparer.Ordinal);
    public HashSet<string> UnreadablePaths => _unreadablePaths ??= new(StringComparer.Ordinal);

    // The same, null when never made: for readers such as LoadResultCodec that must not give a cached builder the lists
    // (and the races on them) that reading the properties above would.
    internal List<Rubric>? RubricsOrNull => _rubrics;
    internal List<AllocatorConfig>? AllocatorsOrNull => _allocators;
    internal List<CertWindow>? CertWindowsOrNull => _certWindows;
    internal List<HandoffWeek>? HandoffWeeksOrNull => _handoffWeeks;
    internal List<RosterSlot>? SlotsOrNull => _slots;
    internal List<AttendanceReceipt>? ReceiptsOrNull => _receipts;
    internal List<MockAuditLog>? LogsOrNull => _logs;
    internal List<DeficiencyTicket>? DeficienciesOrNull => _deficiencies;
    internal List<CarveOut>? CarveOutsOrNull => _carveOuts;
    internal List<SprintBudget>? SprintBudgetsOrNull => _sprintBudgets;
    internal List<QuorumManifest>? ManifestsOrNull => _manifests;
    internal List<IcsHold>? IcsHoldsOrNull => _icsHolds;
    internal List<Readback>? ReadbacksOrNull => _readbacks;
    internal Dictionary<string, string>? FileSha256OrNull => _fileSha256;
    internal HashSet<string>? UnreadablePathsOrNull => _unreadablePaths;

    public void AddAll(EvidenceSetBuilder other)
    {
        if (other._rubrics is { Count: > 0 } rubrics) Rubrics.AddRange(rubrics);
        if (other._allocators is { Count: > 0 } allocators) Allocators.AddRange(allocators);
        if (other._certWindows is { Count: > 0 } certWindows) CertWindows.AddRange(certWindows);
        if (other._handoffWeeks is { Count: > 0 } handoffWeeks) HandoffWeeks.AddRange(handoffWeeks);
        if (other._slots is { Count: > 0 } slots) Slots.AddRange(slots);
        if (other._receipts is { Count: > 0 } receipts) Receipts.AddRange(receipts);
        if (other._logs is { Count: > 0 } logs) Logs.AddRange(logs);
        if (other._deficiencies is { Count: > 0 } deficiencies) Deficiencies.AddRange(deficiencies);
        if (other._carveOuts is { Count: > 0 } carveOuts) CarveOuts.AddRange(carveOuts);
        if (other._sprintBudgets is { Count: > 0 } sprintBudgets) SprintBudgets.AddRange(sprintBudgets);
        if (other._manifests is { Count: > 0 } manifests) Manifests.AddRange(manifests);
        if (other._icsHolds is { Count: > 0 } icsHolds) IcsHolds.AddRange(icsHolds);
        if (other._readbacks is { Count: > 0 } readbacks) Readbacks.AddRange(readbacks);
        if (other._fileSha256 is { Count: > 0 } hashes) foreach (var (path, sha) in hashes) FileSha256[path] = sha;
        if (other._unreadablePaths is { Count: > 0 } unreadable) UnreadablePaths.UnionWith(unreadable);
    }

    /// <summary>Adds the records, file hashes and unreadable paths of a set already built (e.g. one file's load result).</summary>
    public void AddAll(EvidenceSet other)
    {
        Rubrics.AddRange(other.Rubrics);
        if (other.Allocator is { } allocator) Allocators.Add(allocator);
        CertWindows.AddRange(other.CertWindows);
        HandoffWeeks.AddRange(other.HandoffWeeks);
        Slots.AddRange(other.Slots);
        Receipts.AddRange(other.Receipts);
        Logs.AddRange(other.Logs);
        Deficiencies.AddRange(other.Deficiencies);
        CarveOuts.AddRange(other.CarveOuts);
        SprintBudgets.AddRange(other.SprintBudgets);
        Manifests.AddRange(other.Manifests);
        IcsHolds.AddRange(other.IcsHolds);
        Readbacks.AddRange(other.Readbacks);
        foreach (var (path, sha) in other.FileSha256) FileSha256[path] = sha;
        UnreadablePaths.UnionWith(other.UnreadablePaths);
    }

    public EvidenceSet ToEvidenceSet()
    {
        // The sorted map of the file hashes is the slowest part of a large merge; then it is built beside the record lists.
        var fileSha256 = EvidenceLoader.BesideIfLarge(_fileSha256?.Count ?? 0, () => (_fileSha256 ?? []).ToImmutableSortedDictionary(StringComparer.Ordinal));
        return new()
        {
            Rubrics = Sorted(_rubrics, x => x.Origin),
            Allocator = _allocators is { Count: > 0 } allocators ? allocators[0] : null,
            CertWindows = Sorted(_certWindows, x => x.Origin),
            HandoffWeeks = Sorted(_handoffWeeks, x => x.Origin),
            Slots = Sorted(_slots, x => x.Origin),
            Receipts = Sorted(_receipts, x => x.Origin),
            Logs = Sorted(_logs, x => x.Origin),
            Deficiencies = Sorted(_deficiencies, x => x.Origin),
            CarveOuts = Sorted(_carveOuts, x => x.Origin),
            SprintBudgets = Sorted(_sprintBudgets, x => x.Origin),
            Manifests = Sorted(_manifests, x => x.Origin),
            IcsHolds = Sorted(_icsHolds, x => x.Origin),
            Readbacks = Sorted(_readbacks, x => x.Origin),
            FileSha256 = fileSha256.GetAwaiter().GetResult(),
            UnreadablePaths = (_unreadablePaths ?? []).ToImmutableHashSet(StringComparer.Ordinal),
        };
    }

    // Loading runs in parallel; sorting by file and position makes the model (and so every output) independent of it.
    // The loader adds files in path order and each file's records in document order, so this is usually a check only.
    private static ImmutableArray<T> Sorted<T>(List<T>? items, Func<T, Origin> origin) =>
        items is null ? [] : StableOrder.Of(items, (a, b) => Compare(origin(a), origin(b)));

    private static int Compare(Origin a, Origin b)
    {
        var byPath = string.CompareOrdinal(a.Path, b.Path);
        if (byPath != 0) return byPath;
        var byLine = a.Self.Line.CompareTo(b.Self.Line);
        return byLine != 0 ? byLine : a.Self.Column.CompareTo(b.Self.Column);
    }
}
