using System.Collections.Frozen;
using System.Collections.Immutable;
using EvidenceTasks.Core.Domain;

namespace EvidenceTasks.Core;

/// <summary>
/// The whole evidence repository as immutable records, indexed across files. Every rule is a pure function of this
/// and <c>as_of</c>. Files that failed to load are absent here and listed in <see cref="UnreadablePaths"/>, so rules
/// can tell "missing" from "present but broken" and not pile a second finding on a file that already has one.
/// </summary>
public sealed record EvidenceSet
{
    public ImmutableArray<Rubric> Rubrics { get; init; } = [];
    public AllocatorConfig? Allocator { get; init; }
    public ImmutableArray<CertWindow> CertWindows { get; init; } = [];
    public ImmutableArray<HandoffWeek> HandoffWeeks { get; init; } = [];
    public ImmutableArray<RosterSlot> Slots { get; init; } = [];
    public ImmutableArray<AttendanceReceipt> Receipts { get; init; } = [];
    public ImmutableArray<MockAuditLog> Logs { get; init; } = [];
    public ImmutableArray<DeficiencyTicket> Deficiencies { get; init; } = [];
    public ImmutableArray<CarveOut> CarveOuts { get; init; } = [];
    public ImmutableArray<SprintBudget> SprintBudgets { get; init; } = [];
    public ImmutableArray<QuorumManifest> Manifests { get; init; } = [];
    public ImmutableArray<IcsHold> IcsHolds { get; init; } = [];
    public ImmutableArray<Readback> Readbacks { get; init; } = [];

    /// <summary>SHA-256 (lowercase hex) of the bytes of every file that loaded, by repository-relative path.</summary>
    public ImmutableSortedDictionary<string, string> FileSha256 { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Repository-relative paths of evidence files that exist but could not be read into records.</summary>
    public ImmutableHashSet<string> UnreadablePaths { get; init; } = ImmutableHashSet<string>.Empty;

    public static EvidenceSet Empty { get; } = new();

    // Built on first use, once: the gate's rules run in parallel and would otherwise each build the same indexes.
    private Indexes? _indexes;
    private bool _indexesBuilt;
    private object? _indexesLock;
    private FrozenDictionary<string, ImmutableArray<DeficiencyTicket>>? _deficienciesByLog;
    private bool _deficienciesByLogBuilt;
    private object? _deficienciesByLogLock;

    /// <summary>
    /// Copies for <c>with</c> expressions. Written out so the lazily built indexes are NOT copied: a filtered copy
    /// (<c>evidence with { Slots = ... }</c>) must index its own records, not the original's.
    /// </summary>
    private EvidenceSet(EvidenceSet original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Rubrics = original.Rubrics;
        Allocator = original.Allocator;
        CertWindows = original.CertWindows;
        HandoffWeeks = original.HandoffWeeks;
        Slots = original.Slots;
        Receipts = original.Receipts;
        Logs = original.Logs;
        Deficiencies = original.Deficiencies;
        CarveOuts = original.CarveOuts;
        SprintBudgets = original.SprintBudgets;
        Manifests = original.Manifests;
        IcsHolds = original.IcsHolds;
        Readbacks = original.Readbacks;
        UnreadablePaths = original.UnreadablePaths;
        FileSha256 = original.FileSha256;
    }

    public EvidenceSet()
    {
    }

    private Indexes Index => LazyInitializer.EnsureInitialized(ref _indexes, ref _indexesBuilt, ref _indexesLock, () => new Indexes(this))!;

    public IReadOnlyDictionary<string, Rubric> RubricsByVersion => Index.Rubrics;
    public IReadOnlyDictionary<string, CertWindow> CertWindowsById => Index.CertWindows;
    public IReadOnlyDictionary<string, HandoffWeek> HandoffWeeksById => Index.HandoffWeeks;
    public IReadOnlyDictionary<string, RosterSlot> SlotsById => Index.Slots;
    public IReadOnlyDictionary<string, RosterSlot> SlotsByIcsUid => Index.SlotsByIcsUid;
    public IReadOnlyDictionary<string, AttendanceReceipt> ReceiptsById => Index.Receipts;

    /// <summary>The first receipt (file order) naming each ics_uid: the one a second receipt for the same rehearsal collides with.</summary>
    public IReadOnlyDictionary<string, AttendanceReceipt> FirstReceiptByIcsUid => Index.FirstReceiptByIcsUid;
    public IReadOnlyDictionary<string, MockAuditLog> LogsById => Index.Logs;
    public IReadOnlyDictionary<string, CarveOut> CarveOutsById => Index.CarveOuts;
    public IReadOnlyDictionary<string, SprintBudget> SprintBudgetsById => Index.SprintBudgets;

    /// <summary>The tickets raised on each log (by <c>mock_audit_id</c>), in file order; a log without tickets is absent.</summary>
    public IReadOnlyDictionary<string, ImmutableArray<DeficiencyTicket>> DeficienciesByLog =>
        LazyInitializer.EnsureInitialized(ref _deficienciesByLog, ref _deficienciesByLogBuilt, ref _deficienciesByLogLock, () =>
            Deficiencies.GroupBy(d => d.MockAuditId, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal))!;

    /// <summary>True when a file for the given path exists but failed to load (its own finding already says why).</summary>
    public bool IsUnreadable(string path) => UnreadablePaths.Contains(path);

    private sealed class Indexes
    {
        public Indexes(EvidenceSet e)
        {
            // First record wins on a duplicate id; the duplicate itself is reported by the loader (id_invalid).
            Rubrics = ById(e.Rubrics, r => r.RubricVersion);
            CertWindows = ById(e.CertWindows, w => w.CertWindowId);
            HandoffWeeks = ById(e.HandoffWeeks, w => w.HandoffWeekId);
            Slots = ById(e.Slots, s => s.RosterSlotId);
            SlotsByIcsUid = ById(e.Slots.Where(s => s.IcsUid is not null), s => s.IcsUid!);
            Receipts = ById(e.Receipts, r => r.AttendanceId);
            FirstReceiptByIcsUid = ById(e.Receipts, r => r.IcsUid);
            Logs = ById(e.Logs, l => l.MockAuditId);
            CarveOuts = ById(e.CarveOuts, c => c.CarveOutId);
            SprintBudgets = ById(e.SprintBudgets, b => b.SprintId);
        }

        public FrozenDictionary<string, Rubric> Rubrics { get; }
        public FrozenDictionary<string, CertWindow> CertWindows { get; }
        public FrozenDictionary<string, HandoffWeek> HandoffWeeks { get; }
        public FrozenDictionary<string, RosterSlot> Slots { get; }
        public FrozenDictionary<string, RosterSlot> SlotsByIcsUid { get; }
        public FrozenDictionary<string, AttendanceReceipt> Receipts { get; }
        public FrozenDictionary<string, AttendanceReceipt> FirstReceiptByIcsUid { get; }
        public FrozenDictionary<string, MockAuditLog> Logs { get; }
        public FrozenDictionary<string, CarveOut> CarveOuts { get; }
        public FrozenDictionary<string, SprintBudget> SprintBudgets { get; }

        private static FrozenDictionary<string, T> ById<T>(IEnumerable<T> items, Func<T, string> key)
        {
            var d = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var item in items) d.TryAdd(key(item), item);
            return d.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }
}
