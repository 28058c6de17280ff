using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EvidenceTasks.Core.Allocation;
using EvidenceTasks.Core.Budgets;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Trends;
using NodaTime;

namespace EvidenceTasks.Core.Readbacks;

/// <summary>Where the evidence a readback was computed from sits in git, when the repository is one.</summary>
/// <param name="Commit">HEAD's commit id when the readback was generated.</param>
/// <param name="Uncommitted">Input paths whose working-tree bytes are not HEAD's (typically the new budget itself).</param>
public sealed record RepositoryState(string Commit, ImmutableArray<string> Uncommitted);

/// <summary>Everything a readback is rendered from; all of it is fixed by the budget and the repository.</summary>
public sealed record ReadbackInput(
    SprintBudget Budget,
    string BudgetPath,
    string BudgetSha256,
    TrendBoard Board,
    AllocatorConfig? Allocator,
    RepositoryState? Repository);

/// <summary>
/// The partner readback packet (Lesson 173 "partner readback export"): the seed's Markdown template, bound to the
/// budget's snapshot hash, saying what it was computed from and how a partner recomputes it, with Mermaid charts that
/// GitHub renders without images. Rendering is pure and deterministic.
/// </summary>
public static partial class ReadbackDocument
{
    public const string HashLabel = "**Trend board snapshot hash:** ";
    public const string AsOfLabel = "- **As of:** ";
    public const string CommitLabel = "- **Repository commit:** ";
    public const string AllocationHeader = "| Mapped lesson | Allocation % |";

    public static string PathFor(string sprintId) => $"evidence/readbacks/{sprintId}.md";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(ReadbackInput input)
    {
        var budget = input.Budget;
        var board = input.Board;
        var asOf = budget.AsOf.InUtc();
        var sb = new StringBuilder();
        void Line(string text = "") => sb.Append(text).Append('\n');

        Line($"## Q{(asOf.Month - 1) / 3 + 1} {asOf.Year} Mock Audit Recurrence Trend Board");
        Line();
        Line($"**Generated:** {Date(budget.GeneratedDtUtc)}");
        Line();
        Line($"**Lookback:** {TrendBoard.LookbackWindowCount} cert windows (rolling {TrendBoard.LookbackSpan.Days} days)");
        Line();
        Line($"{HashLabel}`{budget.TrendBoardSnapshotHash}`");
        Line();

        Line("### Classification summary");
        Line();
        foreach (var c in Classifications.ByPriority) Line($"- {c} rows: {board.Count(c)}");
        Line();
        var slices = Classifications.ByPriority.Where(c => board.Count(c) > 0).Select(c => (Label: c, Value: board.Count(c).ToString(Inv))).ToList();
        if (slices.Count == 0) Line("_The board has no rows at this as_of._");
        else Pie(sb, $"Trend board rows by classification at {Timestamps.Format(budget.AsOf)}", slices);
        Line();

        Line("### Top structural-red rows (if any)");
        Line();
        var red = board.Rows.Where(r => r.Classification == Classifications.StructuralRed).ToList();
        if (red.Count == 0) Line("_None at this as_of._");
        else
        {
            Line("| Dimension | Failure mode tag | Windows | Cert-blocking | Avg resolution (hours) | Last seen |");
            Line("|---|---|---|---|---|---|");
            foreach (var r in red)
                Line($"| {r.RubricDimension} | {r.FailureModeTag} | {r.WindowCount} | {r.CertBlockingCount} | {Hours(r.AvgResolutionHours)} | {Date(r.MostRecentDtUtc)} |");
        }
        Line();

        Line($"### Hardening allocation for sprint {budget.SprintId}");
        Line();
        Line(AllocationHeader);
        Line("|---|---|");
        var titles = input.Allocator?.Lanes.ToDictionary(l => l.Lane, l => l.Title ?? l.Lane, StringComparer.Ordinal) ?? [];
        string Title(string lane) => lane == HardeningAllocation.Reserved ? "Reserved (incident-driven)" : titles.GetValueOrDefault(lane, lane);
        foreach (var lane in BudgetDocument.SeedColumnOrder)
            Line($"| {Cell(Title(lane))} | {Pct(budget.LanePct.GetValueOrDefault(lane))}% |");
        Line();
        Pie(sb, $"Hardening allocation, sprint {budget.SprintId} (percent)",
            BudgetDocument.SeedColumnOrder.Where(l => budget.LanePct.GetValueOrDefault(l) > 0)
                .Select(l => (Title(l), Pct(budget.LanePct.GetValueOrDefault(l)))).ToList());
        Line();
        Line($"Allocator output approved by: {OneLine(budget.ApprovedBy)}, {Date(budget.GeneratedDtUtc)}.");
        Line();
        Line($"Variance note (if last sprint diverged > 25%): {(budget.VarianceNote is { } note ? OneLine(note) : "none")}.");
        Line();

        Line("### Computed from");
        Line();
        Line($"- **Sprint budget:** `{input.BudgetPath}`");
        Line($"{AsOfLabel}`{Timestamps.Format(budget.AsOf)}`");
        Line(CommitLine(input.Repository));
        Line($"- **Lookback cert windows** (most recent first): {(board.LookbackWindows.IsEmpty ? "none" : string.Join(", ", board.LookbackWindows.Select(w => $"`{w}`")))}");
        Line($"- **Board rows:** {board.Rows.Length}, all listed below in board order");
        Line();
        foreach (var row in TrendBoardFormat.MarkdownTable(board.Rows)) Line(row);
        Line();

        Line("### How a partner recomputes this packet");
        Line();
        Line("1. Check out the commit that adds this file (or the commit named above plus the files listed as not yet committed).");
        Line("2. Check every input against the list below: save the block as `inputs.sha256` and run `sha256sum -c inputs.sha256`.");
        Line($"3. Recompute the board: `dotnet run --project src/EvidenceTasks -- board --as-of {Timestamps.Format(budget.AsOf)} --format json`; its `trend_board_snapshot_hash` must equal the hash above. Without this tool: the hash is SHA-256 of the RFC 8785 (JCS) form of `{{\"as_of\": \"{Timestamps.Format(budget.AsOf)}\", \"rows\": [...]}}` with the rows of the table above, each exactly its nine columns (docs/hashing.md).");
        Line("4. Run `dotnet run --project src/EvidenceTasks -- gate`: it recomputes the allocation from the board (`budget_sum_invalid`) and checks this packet against its budget.");
        Line();
        Line("Inputs (SHA-256 of each file's bytes; the budget's `inputs_sha256` plus the budget itself):");
        Line();
        Line("```text");
        foreach (var (path, sha) in ExpectedInputs(input.Budget, input.BudgetPath, input.BudgetSha256)) Line($"{sha}  {path}");
        Line("```");
        return sb.ToString();
    }

    /// <summary>The input list a readback must carry: the budget's recorded inputs and the budget file itself, by path.</summary>
    public static ImmutableSortedDictionary<string, string> ExpectedInputs(SprintBudget budget, string budgetPath, string budgetSha256) =>
        budget.InputsSha256.SetItem(budgetPath, budgetSha256);

    private static string CommitLine(RepositoryState? repo)
    {
        if (repo is null) return $"{CommitLabel}none (the evidence was not in a git repository)";
        var line = $"{CommitLabel}`{repo.Commit}` (HEAD when generated";
        return repo.Uncommitted.IsEmpty
            ? line + "; every input is committed there)"
            : line + "; not yet committed there: " + string.Join(", ", repo.Uncommitted.Select(p => $"`{p}`")) + ")";
    }

    /// <summary>True when two readbacks differ at most in the repository-commit line (the same packet regenerated at a later commit).</summary>
    public static bool SameExceptCommit(string a, string b) => WithoutCommit(a) == WithoutCommit(b);

    private static string WithoutCommit(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.StartsWith(CommitLabel, StringComparison.Ordinal)));

    private static void Pie(StringBuilder sb, string title, IReadOnlyList<(string Label, string Value)> slices)
    {
        sb.Append("```mermaid\n").Append("pie showData\n").Append("    title ").Append(title).Append('\n');
        foreach (var (label, value) in slices) sb.Append("    \"").Append(label.Replace("\"", "'", StringComparison.Ordinal)).Append("\" : ").Append(value).Append('\n');
        sb.Append("```\n");
    }

    private static string Date(Instant instant) => instant.InUtc().Date.ToString("uuuu'-'MM'-'dd", Inv);

    private static string Hours(decimal? hours) => hours is { } h ? h.ToString("0.0###", Inv) : "—";

    public static string Pct(decimal value) => value.ToString("0.00", Inv);

    private static string Cell(string text) => OneLine(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>What the gate reads back from a readback: the recorded values and the line each sits on (1-based).</summary>
    public sealed record Parsed(
        (string Value, int Line)? SnapshotHash,
        (string Value, int Line)? AsOf,
        ImmutableArray<(decimal Pct, int Line)> Allocation,
        int AllocationLine,
        ImmutableArray<(string Path, string Sha256, int Line)> Inputs,
        int InputsLine);

    [GeneratedRegex(@"^([0-9a-f]{64})  (\S+)$")]
    private static partial Regex InputLine();

    [GeneratedRegex(@"^\|.*\|\s*([0-9]+(?:\.[0-9]+)?)%\s*\|$")]
    private static partial Regex AllocationRow();

    public static Parsed Parse(string content)
    {
        var lines = content.Split('\n');
        (string, int)? hash = null, asOf = null;
        var allocation = ImmutableArray.CreateBuilder<(decimal, int)>();
        var inputs = ImmutableArray.CreateBuilder<(string, string, int)>();
        int allocationLine = 0, inputsLine = 0;
        var inAllocation = false;
        var inInputs = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var n = i + 1;
            if (hash is null && line.StartsWith(HashLabel, StringComparison.Ordinal)) hash = (line[HashLabel.Length..].Trim().Trim('`'), n);
            else if (asOf is null && line.StartsWith(AsOfLabel, StringComparison.Ordinal)) asOf = (line[AsOfLabel.Length..].Trim().Trim('`'), n);
            else if (allocationLine == 0 && line == AllocationHeader)
            {
                allocationLine = n;
                inAllocation = true;
            }
            else if (inAllocation)
            {
                if (!line.StartsWith('|')) inAllocation = false;
                else if (AllocationRow().Match(line) is { Success: true } m)
                    allocation.Add((decimal.Parse(m.Groups[1].Value, Inv), n));
            }
            else if (line == "```text" && inputsLine == 0)
            {
                inputsLine = n;
                inInputs = true;
            }
            else if (inInputs)
            {
                if (line == "```") inInputs = false;
                else inputs.Add(InputLine().Match(line) is { Success: true } m ? (m.Groups[2].Value, m.Groups[1].Value, n) : (line, string.Empty, n));
            }
        }
        return new Parsed(hash, asOf, allocation.ToImmutable(), allocationLine, inputs.ToImmutable(), inputsLine);
    }
}
