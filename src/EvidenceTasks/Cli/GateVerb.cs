using System.CommandLine;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Core.History;
using EvidenceTasks.IO;
using EvidenceTasks.IO.Attestation;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.History;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.IO.Reporting;

namespace EvidenceTasks.Cli;

/// <summary>
/// <c>gate</c>: the publish gate over a whole repository; <c>validate</c>: only the file-level and schema checks
/// (what a scribe runs before pushing). Both report every finding at once. In a git repository the gate also runs the
/// history rules; <c>--base REF</c> judges a pull request against its merge base (docs/history-rules.md) and
/// <c>--attest FILE</c> writes the verdict as an in-toto statement.
/// </summary>
public static class GateVerb
{
    public static Command Gate(CliContext ctx) => Build(ctx, "gate",
        "Publish gate: load every evidence file, run every rule, report every finding (exit 1 when something blocks).", GateRules.All, withHistory: true);

    public static Command Validate(CliContext ctx) => Build(ctx, "validate",
        "Check files only: layout, strict YAML/JSON, ids and JSON Schemas (exit 1 on any error).", [], withHistory: false);

    private static Command Build(CliContext ctx, string name, string description, IReadOnlyList<IGateRule> rules, bool withHistory)
    {
        var root = CommonOptions.Root();
        var asOf = CommonOptions.AsOf();
        var format = CommonOptions.Format("text", "json", "github", "markdown");
        var baseRef = new Option<string?>("--base")
        {
            Description = "Judge a pull request: merged evidence (at the merge base of REF and HEAD) is append-only; findings in files it touches come first. Needs a git repository.",
            HelpName = "REF",
        };
        var attest = new Option<string?>("--attest")
        {
            Description = "Also write the verdict as an in-toto Statement v1 (test-result predicate) whose subjects are the evidence files with their SHA-256.",
            HelpName = "FILE",
        };
        var timings = new Option<bool>("--timings") { Description = "Print how long each phase (load, history, every rule, report) took, on standard error." };
        var noCache = new Option<bool>("--no-cache")
        {
            Description = "Load every file from disk and walk every commit: do not read or write what runs keep in .git/evidence-tasks/ (the load cache, which lets a run reuse the results of files git says are unchanged, and the history facts of recent HEADs).",
        };
        var command = new Command(name, description) { root, asOf, format, timings };
        if (withHistory)
        {
            command.Options.Add(baseRef);
            command.Options.Add(attest);
            command.Options.Add(noCache);
        }
        command.SetAction(parse =>
        {
            var dir = CommonOptions.ResolveRoot(ctx, parse.GetValue(root));
            var instant = CommonOptions.ResolveAsOf(ctx, parse.GetValue(asOf));
            var fmt = CommonOptions.ResolveFormat(ctx, parse.GetValue(format));
            if (!EvidenceLoader.LooksLikeEvidence(dir))
                throw new UsageException($"no evidence under '{dir}': expected governance/, roster/ or evidence/ (pass --root DIR)");
            var clock = new GateTimings(parse.GetValue(timings));
            using var git = withHistory ? HistoryGate.Open(dir, parse.GetValue(baseRef)) : null;
            var cacheFile = git?.Head is null || parse.GetValue(noCache) ? null : LoadCacheFile.PathIn(git.GitDirectory);
            var factsFolder = cacheFile is null ? null : HistoryFactsFile.FolderIn(git!.GitDirectory);
            // Reading the cache file and git status (libgit2, one thread) need nothing of each other.
            var cacheOpen = cacheFile is null ? Task.FromResult(new LoadCache()) : Task.Run(() => clock.Time("open the load cache", () => OpenCache(ctx, cacheFile)));
            // Nor does the history's git part (merge base, tree diff, the history rules' facts) need the working tree: it
            // starts now, on a repository handle of its own, and meets the loaded evidence afterwards.
            // Its handle is a twin of the main one: what its tree diff learns spares lookups when the history is finished.
            var historyGit = git is null ? null : Task.Run(() => clock.Time("history: git part (beside status and load)", () =>
            {
                using var own = git.Twin();
                return HistoryGate.Prepare(own, dir, parse.GetValue(baseRef), cacheOpen.GetAwaiter().GetResult(), factsFolder, clock);
            }));
            var workingTree = git?.Head is null ? null : clock.Time("git status (which files are HEAD's)", git.WorkingTree);
            var cache = cacheOpen.GetAwaiter().GetResult();
            var loaded = clock.Time("load (enumerate, parse, schema, bind)", () => EvidenceLoader.Default.Load(new FileSystemSource(dir, workingTree?.CommittedBlobs), cache));
            // What the pull request changes (the board before and after it, the judge's files) is Markdown for a reader:
            // worked out only when some output shows it, after the history and beside the rules.
            var summaryPath = ctx.Environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } path ? path : null;
            var wantImpact = fmt == ReportFormat.Markdown || summaryPath is not null;
            // The rest of the history (libgit2, one thread) and the rules (every core) read the loaded evidence and nothing
            // of each other, so they run side by side; their findings are combined in the same order as one after the other.
            var historyRun = git is not null && historyGit is not null
                ? Task.Run(() =>
                {
                    var prepared = historyGit.GetAwaiter().GetResult();
                    var outcome = clock.Time("history: with the loaded evidence", () => HistoryGate.Finish(ctx, git, dir, prepared, loaded.Evidence, cache, clock));
                    var impact = outcome.Changes is { } pullRequest && wantImpact
                        ? clock.Time("pull request impact (Markdown)", () => PullRequestImpactSummarizers.Markdown(new PullRequestImpact(pullRequest, instant)))
                        : string.Empty;
                    return (Outcome: outcome, Impact: impact);
                })
                : Task.FromResult((Outcome: HistoryGate.Outcome.None, Impact: string.Empty));
            var ruleFindings = clock.Time(GateTimings.AllRules, () => EvidenceTasks.Core.Gate.RuleFindings(loaded.Evidence, instant, clock.Wrap(rules)));
            var (history, impact) = historyRun.GetAwaiter().GetResult();
            var result = EvidenceTasks.Core.Gate.Combine(instant, loaded.Findings.Concat(history.Findings), ruleFindings) with { FilesChecked = loaded.FileCount };
            if (history.Changes is { } changes) result = result with { Findings = TouchedFirst.Order(result.Findings, changes.Touched) };
            clock.Time("report", () => { GateReport.Write(ctx.Out, result, fmt, name); return 0; });
            if (fmt == ReportFormat.Markdown) ctx.Out.Write(impact);
            if (summaryPath is not null)
                File.AppendAllText(summaryPath, GateReport.Markdown(result, name) + impact + "\n");
            if (withHistory && parse.GetValue(attest) is { } attestPath)
                WriteAttestation(ctx, Path.GetFullPath(attestPath, ctx.WorkingDirectory), dir, result, history);
            if (cacheFile is not null && LoadCacheFile.WorthSaving(cache)) clock.Time("save the load cache", () => { LoadCacheFile.Save(cacheFile, cache); return 0; });
            clock.Write(ctx.Error);
            if (cacheFile is not null) clock.Note(ctx.Error, $"load cache: {cache.Restored} results reused, {cache.Misses} files loaded ({cacheFile})");
            if (historyGit?.Result.FactsNote is { } factsNote) clock.Note(ctx.Error, factsNote);
            return result.Blocked ? ExitCodes.Blocked : ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>The stored load cache (an empty one without a file); a damaged file is said in one line and started afresh.</summary>
    private static LoadCache OpenCache(CliContext ctx, string path)
    {
        var cache = LoadCacheFile.Open(path, out var problem);
        if (problem is not null) ctx.Error.WriteLine($"gate: the load cache {path} could not be read ({problem}); loading every file, and writing it afresh");
        return cache;
    }

    private static void WriteAttestation(CliContext ctx, string path, string root, GateResult result, HistoryGate.Outcome history)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["as_of"] = Timestamps.Format(result.AsOf),
            ["files_checked"] = result.FilesChecked.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (history.Head is { } head) annotations["head_commit"] = head.Sha;
        if (history.Changes is { } changes) annotations["merge_base_commit"] = changes.MergeBase.Sha;
        var statement = InTotoStatement.Build(result, InTotoStatement.Subjects(new FileSystemSource(root)), annotations);
        var outcome = InTotoStatement.Write(path, statement);
        ctx.Error.WriteLine($"gate: attestation {(outcome == WriteOutcome.Unchanged ? "unchanged" : "written")}: {path}");
    }
}
