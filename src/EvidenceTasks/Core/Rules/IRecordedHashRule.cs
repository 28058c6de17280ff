namespace EvidenceTasks.Core.Rules;

/// <summary>
/// A rule that recomputes a hash recorded in evidence (receipts, manifests, budgets' board snapshot, readbacks) and
/// reports when it does not match. Partner replay runs exactly these rules at every commit, so the gate and the replay
/// can never disagree about what "verifies" means.
/// </summary>
public interface IRecordedHashRule : IGateRule
{
    /// <summary>
    /// What the rule reads. Replay trusts it to judge an artifact again only when something it depends on changed, and
    /// then on an <see cref="EvidenceSet"/> of just those files; so it must be true, not merely plausible (a test
    /// compares every rule's findings on such sets with its findings on the whole repository).
    /// </summary>
    RecordedHashScope Scope { get; }
}

/// <summary>
/// The parts of an <see cref="EvidenceSet"/>, one per kind of evidence file (docs/formats.md). A file's records, its
/// <see cref="EvidenceSet.FileSha256"/> entry and its place in <see cref="EvidenceSet.UnreadablePaths"/> all belong to
/// its kind's part.
/// </summary>
[Flags]
public enum EvidenceParts
{
    None = 0,
    Rubrics = 1 << 0,
    Allocator = 1 << 1,
    CertWindows = 1 << 2,
    HandoffWeeks = 1 << 3,
    Slots = 1 << 4,
    Receipts = 1 << 5,
    Logs = 1 << 6,
    Deficiencies = 1 << 7,
    CarveOuts = 1 << 8,
    SprintBudgets = 1 << 9,
    Manifests = 1 << 10,
    IcsHolds = 1 << 11,
    Readbacks = 1 << 12,

    /// <summary>Every file, including files of no kind (refused ones are in <see cref="EvidenceSet.UnreadablePaths"/>).</summary>
    All = ~0,
}

/// <summary>
/// The evidence one recorded-hash rule depends on. Every finding of the rule is located in a file of a
/// <see cref="Judges"/> part, and the findings located in one such file are a function of that file alone, the files of
/// the <see cref="Reads"/> parts, and (only when <see cref="ReadsAsOf"/>) the context's <c>as_of</c>. So the rule,
/// evaluated on a set holding a judged file plus every file of <see cref="Reads"/>, reports at that file exactly what
/// it reports there on the whole repository, and a judged file whose own bytes and whose <see cref="Reads"/> are
/// unchanged keeps its findings.
/// </summary>
/// <param name="Judges">The parts whose files the rule reports on (the artifacts it verifies).</param>
/// <param name="Reads">The parts the rule reads besides the judged file itself (other files of the judged part
/// included only if listed here).</param>
/// <param name="ReadsAsOf">True when findings depend on <see cref="GateContext.AsOf"/> (replay judges at each commit's
/// committer time, so such a rule is judged again at every commit).</param>
public sealed record RecordedHashScope(EvidenceParts Judges, EvidenceParts Reads, bool ReadsAsOf = false);
