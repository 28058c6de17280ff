using System.Collections.Immutable;

namespace EvidenceTasks.Core.History;

/// <summary>
/// The history of one exported ICS hold, <c>evidence/ics/&lt;cert_window_id&gt;/&lt;roster_slot_id&gt;.ics</c>, in the
/// commits of HEAD: when it was first exported and with which UID, and when its version at HEAD was committed and
/// what its slot's <c>roster_status</c> was in that same commit.
/// </summary>
public sealed record IcsExportHistory(
    string Path,
    string CertWindowId,
    string RosterSlotId,
    HistoryCommit FirstExported,
    string? FirstUid,
    HistoryCommit? HeadVersionCommitted,
    string? SlotStatusWhenHeadVersionCommitted);

/// <summary>
/// What the history rules know about the commits of HEAD, extracted once by the IO ring: the ICS exports, and for the
/// evidence paths a rule asks about (the receipts a pull request adds) that are present at HEAD, the first commit (in
/// topological order) that added them. Only those, so extracting the facts follows a few paths through the history
/// instead of every file of every commit.
/// </summary>
public sealed record HistoryFacts(
    HistoryCommit Head,
    ImmutableArray<IcsExportHistory> IcsExports,
    ImmutableDictionary<string, HistoryCommit> FirstCommitted)
{
    /// <summary>
    /// Paths the pull request adds (with <c>gate --base</c>); null when the gate judges a tree without a base. Rules about
    /// how evidence was submitted (the T+48 h SLA) only speak about these: merged history cannot be re-submitted, so
    /// repeating its lateness on every later run would bury new findings under old, unfixable ones.
    /// </summary>
    public ImmutableHashSet<string>? AddedByPullRequest { get; init; }

    public static HistoryFacts Empty(HistoryCommit head) => new(head, [], ImmutableDictionary<string, HistoryCommit>.Empty);
}

/// <summary>A rule over the history of HEAD: a pure function of the extracted facts and the evidence being gated.</summary>
public interface IHistoryRule
{
    IEnumerable<Finding> Evaluate(HistoryFacts facts, EvidenceSet evidence);
}

/// <summary>The history rules, in one list (run by <c>gate</c> when its root is a git repository).</summary>
public static class HistoryRules
{
    public static ImmutableArray<IHistoryRule> All { get; } =
    [
        new IcsExportedBeforeLockRule(),
        new IcsUidChangedRule(),
        new ReceiptLateRule(),
    ];

    public static IEnumerable<Finding> Evaluate(HistoryFacts facts, EvidenceSet evidence, IEnumerable<IHistoryRule>? rules = null) =>
        (rules ?? All).SelectMany(r => r.Evaluate(facts, evidence));
}
