using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.Core.History;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.History;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.Cli;

/// <summary>
/// The git part of <c>gate</c>: when the root is a git repository, the history rules over the commits of HEAD; with
/// <c>--base REF</c>, the pull request's changes since the merge base of REF and HEAD and the append-only rule.
/// </summary>
internal static class HistoryGate
{
    public sealed record Outcome(ImmutableArray<Finding> Findings, PullRequestChanges? Changes, HistoryCommit? Head)
    {
        public static Outcome None { get; } = new([], null, null);
    }

    /// <summary>
    /// The git repository whose working tree is <paramref name="root"/>, or null for a plain folder. Checked before
    /// anything is loaded (a commit at HEAD, a base that names one, a merge base), so a <c>--base</c> that cannot work
    /// fails at once.
    /// </summary>
    public static GitEvidenceHistory? Open(string root, string? baseRef)
    {
        var history = GitEvidenceHistory.Open(root);
        if (baseRef is null) return history;
        if (history is null)
            throw new UsageException($"--base needs a git repository, but '{root}' is a plain folder (run the gate from the repository's working tree)");
        try
        {
            if (history.Head is not { } head) throw new UsageException($"--base needs a commit at HEAD, but '{root}' has no commits yet");
            MergeBase(history, head, root, baseRef);
        }
        catch
        {
            history.Dispose();
            throw;
        }
        return history;
    }

    /// <summary>The merge base of <paramref name="baseRef"/> and HEAD, or the usage error that says why there is none.</summary>
    private static HistoryCommit MergeBase(IEvidenceHistory history, HistoryCommit head, string root, string baseRef)
    {
        var baseCommit = history.Resolve(baseRef)
            ?? throw new UsageException($"--base '{baseRef}' names no commit in '{root}' (fetch it first, e.g. git fetch origin {baseRef.Replace("origin/", string.Empty, StringComparison.Ordinal)})");
        return history.MergeBase(baseCommit, head)
            ?? throw new UsageException(history.IsShallow
                ? $"--base '{baseRef}' and HEAD have no merge base in this shallow clone; the gate needs the full history (git fetch --unshallow, or fetch-depth: 0)"
                : $"--base '{baseRef}' and HEAD share no history");
    }

    /// <summary>
    /// What the history needs of git alone, worked out before the working tree is loaded: the merge base and the pull
    /// request's tree diff, and the facts of the history rules. Null members where they do not apply (no commits, no
    /// <c>--base</c>, a shallow clone).
    /// </summary>
    public sealed record Prepared(
        HistoryCommit? Head,
        HistoryCommit? MergeBase,
        IReadOnlyList<EvidenceBlobChange>? Changes,
        ImmutableArray<PathChange> JudgeChanges,
        HistoryFacts? Facts,
        bool Shallow)
    {
        /// <summary>How the facts were had, for <c>--timings</c>: taken from the file kept between runs, or worked out.</summary>
        public string? FactsNote { get; init; }

        /// <summary>Why the kept facts could not be read or written (one line for the user), or null.</summary>
        public string? FactsProblem { get; init; }
    }

    /// <summary>
    /// The history as one step, for callers that have the evidence already: <see cref="Prepare"/> then <see cref="Finish"/>.
    /// </summary>
    /// <param name="cache">The load's cache: the file versions the history reads are mostly ones loaded before.</param>
    public static Outcome Evaluate(CliContext ctx, IEvidenceHistory history, string root, string? baseRef, EvidenceSet evidence, LoadCache cache, GateTimings? timings = null) =>
        Finish(ctx, history, root, Prepare(history, root, baseRef, cache, factsFolder: null, timings), evidence, cache, timings);

    /// <summary>
    /// The part of the history that reads git and nothing of the working tree, so it can run from the start, beside git
    /// status and the load (on a repository handle of its own: libgit2 objects are not shared between threads). The file
    /// versions it loads go through <paramref name="cache"/>, which the working tree's load shares.
    /// </summary>
    /// <param name="factsFolder">Where the facts of recent HEADs are kept between runs (<see cref="HistoryFactsFile"/>); null: always worked out.</param>
    public static Prepared Prepare(IEvidenceHistory history, string root, string? baseRef, LoadCache cache, string? factsFolder, GateTimings? timings = null)
    {
        var clock = timings ?? GateTimings.Off;
        if (history.Head is not { } head) return new Prepared(null, null, null, [], null, false);

        HistoryCommit? mergeBase = null;
        IReadOnlyList<EvidenceBlobChange>? changes = null;
        ImmutableArray<PathChange> judgeChanges = [];
        if (baseRef is not null)
        {
            mergeBase = MergeBase(history, head, root, baseRef);
            changes = clock.Part("history: pull request tree diff", () => history.Changes(mergeBase, head));
            judgeChanges = clock.Part("history: changed paths of the whole tree", () => GitPathDiff.Changed(root, mergeBase.Sha, head.Sha));
        }

        if (history.IsShallow) return new Prepared(head, mergeBase, changes, judgeChanges, null, true);
        var added = changes?.Where(c => c.OldBlob is null).Select(c => c.Path).ToImmutableHashSet(StringComparer.Ordinal);
        // Only the receipts it adds: the one kind whose first commit a rule reads (ReceiptLateRule). Following a path
        // through every commit reads its folder at each one, and the tickets' folder is the largest.
        var addedReceipts = (added ?? []).Where(p => EvidenceLayout.Classify(p) is { Layout.Kind: EvidenceKind.AttendanceReceipt }).ToList();
        string? note = null, problem = null;
        var facts = clock.Part("history: facts for the history rules", () => KeptOrScanned(history, head, addedReceipts, cache, factsFolder, out note, out problem)) with
        {
            AddedByPullRequest = added,
        };
        return new Prepared(head, mergeBase, changes, judgeChanges, facts, false) { FactsNote = note, FactsProblem = problem };
    }

    /// <summary>
    /// The facts kept for HEAD in <paramref name="factsFolder"/> when there are (<see cref="HistoryFactsFile"/>), else the
    /// walk's, then kept. <paramref name="note"/> says which for <c>--timings</c>; <paramref name="problem"/> is the one
    /// line for a file that could not be read or written.
    /// </summary>
    private static HistoryFacts KeptOrScanned(IEvidenceHistory history, HistoryCommit head, IReadOnlyCollection<string> firstCommittedOf, LoadCache cache,
        string? factsFolder, out string? note, out string? problem)
    {
        (note, problem) = (null, null);
        if (factsFolder is null) return HistoryScanner.Scan(history, head, firstCommittedOf, EvidenceLoader.Default, cache);
        var file = HistoryFactsFile.PathOf(factsFolder, head.Sha, firstCommittedOf);
        if (HistoryFactsFile.Open(factsFolder, head.Sha, firstCommittedOf, out var unreadable) is { } kept)
        {
            note = $"history facts: reused ({file})";
            return kept;
        }
        if (unreadable is not null) problem = $"the history facts {file} could not be read ({unreadable}); working them out afresh";
        var scanned = HistoryScanner.Scan(history, head, firstCommittedOf, EvidenceLoader.Default, cache);
        try
        {
            HistoryFactsFile.Save(factsFolder, scanned, firstCommittedOf);
            note = $"history facts: worked out and kept ({file})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"the history facts could not be kept in {factsFolder} ({e.Message}); the next run works them out again";
        }
        return scanned;
    }

    /// <summary>The rest, with the working tree's evidence: the pull request's two sides, the append-only rule and the history rules.</summary>
    public static Outcome Finish(CliContext ctx, IEvidenceHistory history, string root, Prepared prepared, EvidenceSet evidence, LoadCache cache, GateTimings? timings = null)
    {
        var clock = timings ?? GateTimings.Off;
        if (prepared.Head is not { } head) return Outcome.None;

        if (prepared.FactsProblem is { } problem) ctx.Error.WriteLine("gate: " + problem);
        var findings = ImmutableArray.CreateBuilder<Finding>();
        PullRequestChanges? changes = null;
        if (prepared is { MergeBase: { } mergeBase, Changes: { } treeChanges })
        {
            changes = clock.Part("history: pull request diff", () => PullRequestDiffer.Diff(history, mergeBase, head, treeChanges, evidence, EvidenceLoader.Default, cache)) with
            {
                JudgeChanges = prepared.JudgeChanges,
            };
            findings.AddRange(EvidenceRewrittenRule.Evaluate(changes));
        }

        if (prepared.Shallow)
            ctx.Error.WriteLine($"gate: history rules skipped: '{root}' is a shallow clone; fetch the full history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)");
        else if (prepared.Facts is { } facts)
            findings.AddRange(HistoryRules.Evaluate(facts, evidence));

        return new Outcome(findings.ToImmutable(), changes, head);
    }
}
