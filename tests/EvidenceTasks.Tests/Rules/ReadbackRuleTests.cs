using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;
using static EvidenceTasks.Tests.Support.BudgetScenario;

namespace EvidenceTasks.Tests.Rules;

public class ReadbackRuleTests
{
    private static IReadOnlyList<Finding> Run(TrendRepo repo) => RuleRunner.Run(new ReadbackRule(), repo.Root, AsOf);

    private static int LineOf(TrendRepo repo, string text) =>
        Array.FindIndex(repo.Repo.Read(ReadbackPath).Split('\n'), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Fact]
    public void Given_a_readback_written_by_the_verb_When_gated_Then_it_is_bound_to_its_budget()
    {
        using var repo = Create(readback: true);
        Assert.Empty(Run(repo));
        Assert.IsAssignableFrom<IRecordedHashRule>(new ReadbackRule());
    }

    [Fact]
    public void Given_an_edited_snapshot_hash_When_gated_Then_mismatch_at_the_hash_line()
    {
        using var repo = Create(readback: true);
        var line = LineOf(repo, "**Trend board snapshot hash:**");
        var text = repo.Repo.Read(ReadbackPath).Split('\n')[line - 1];
        repo.Repo.Replace(ReadbackPath, text, "**Trend board snapshot hash:** `" + new string('b', 64) + "`");
        var f = RuleRunner.Single(Run(repo), BlockReason.TrendBoardSnapshotMismatch, ReadbackPath, line);
        Assert.Contains($"is not sprint {Sprint}'s", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_edited_allocation_row_When_gated_Then_mismatch_at_that_row()
    {
        using var repo = Create(readback: true);
        var line = LineOf(repo, "| FAQ discipline |");
        repo.Repo.Replace(ReadbackPath, "| FAQ discipline | 26.67% |", "| FAQ discipline | 36.67% |");
        var f = RuleRunner.Single(Run(repo), BlockReason.TrendBoardSnapshotMismatch, ReadbackPath, line);
        Assert.Contains("lesson_170 is 36.67% here but 26.67%", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_input_whose_listed_sha256_differs_When_gated_Then_mismatch_at_that_input_line()
    {
        using var repo = Create(readback: true);
        var line = LineOf(repo, "  evidence/deficiencies/def-0003.yaml");
        var entry = repo.Repo.Read(ReadbackPath).Split('\n')[line - 1];
        repo.Repo.Replace(ReadbackPath, entry, new string('c', 64) + "  evidence/deficiencies/def-0003.yaml");
        RuleRunner.Single(Run(repo), BlockReason.TrendBoardSnapshotMismatch, ReadbackPath, line);
    }

    [Fact]
    public void Given_a_budget_edited_after_its_readback_When_gated_Then_the_readback_no_longer_lists_the_budget_bytes()
    {
        using var repo = Create(readback: true);
        repo.Repo.Replace(BudgetPath, "\"approved_by\": \"governance_owner\"", "\"approved_by\": \"engineering_lead\"");
        var f = RuleRunner.Single(Run(repo), BlockReason.TrendBoardSnapshotMismatch, ReadbackPath, LineOf(repo, "  " + BudgetPath));
        Assert.Contains(BudgetPath, f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_readback_without_its_budget_When_gated_Then_reference_broken_at_line_1()
    {
        using var repo = Create(readback: true);
        repo.Repo.Delete(BudgetPath);
        var f = RuleRunner.Single(Run(repo), BlockReason.ReferenceBroken, ReadbackPath, 1);
        Assert.Contains($"{BudgetPath} does not exist", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_edited_board_row_or_prose_When_gated_Then_mismatch_at_that_line_naming_what_readback_renders()
    {
        using var repo = Create(readback: true);
        var line = LineOf(repo, "- hot rows: ");
        var text = repo.Repo.Read(ReadbackPath).Split('\n')[line - 1];
        repo.Repo.Replace(ReadbackPath, text, "- hot rows: 0");
        var f = RuleRunner.Single(Run(repo), BlockReason.TrendBoardSnapshotMismatch, ReadbackPath, line);
        Assert.Contains($"is not what `readback` renders from sprint {Sprint}'s budget and board: '{text}'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_only_the_repository_commit_line_changed_When_gated_Then_nothing_is_flagged()
    {
        using var repo = Create(readback: true);
        var line = LineOf(repo, "- **Repository commit:** ");
        var text = repo.Repo.Read(ReadbackPath).Split('\n')[line - 1];
        repo.Repo.Replace(ReadbackPath, text, "- **Repository commit:** `" + new string('a', 40) + "` (HEAD when generated; every input is committed there)");
        Assert.Empty(Run(repo));
    }
}
