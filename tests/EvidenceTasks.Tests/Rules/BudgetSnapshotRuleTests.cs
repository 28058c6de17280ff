using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;
using static EvidenceTasks.Tests.Support.BudgetScenario;

namespace EvidenceTasks.Tests.Rules;

public class BudgetSnapshotRuleTests
{
    private static IReadOnlyList<Finding> Run(TrendRepo repo) => RuleRunner.Run(new BudgetSnapshotRule(), repo.Root, AsOf);

    [Fact]
    public void Given_a_budget_cut_by_allocate_When_gated_Then_its_hash_recomputes()
    {
        using var repo = Create();
        Assert.Empty(Run(repo));
        Assert.IsAssignableFrom<IRecordedHashRule>(new BudgetSnapshotRule());
    }

    [Fact]
    public void Given_an_edited_snapshot_hash_When_gated_Then_trend_board_snapshot_mismatch_at_the_hash_line()
    {
        using var repo = Create();
        var text = repo.Repo.Read(BudgetPath);
        var recorded = text.Split('"')[text.Split('"').ToList().IndexOf("trend_board_snapshot_hash") + 2];
        repo.Repo.Replace(BudgetPath, recorded, new string('a', 64));
        var f = RuleRunner.Single(Run(repo), BlockReason.TrendBoardSnapshotMismatch, BudgetPath, 12);
        Assert.Contains($"recomputes to {recorded}", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_ticket_for_an_old_rehearsal_added_after_the_cut_When_gated_Then_late_evidence_warning_and_the_hash_still_verifies()
    {
        using var repo = Create();
        var late = repo.Ticket(repo.Log("w9", "2027-01-12T00:00:00Z"), 2, "signer_route_unacked");
        var f = RuleRunner.Single(Run(repo), BlockReason.LateEvidence, BudgetPath, 12, Severity.Warning);
        Assert.Contains($"evidence/deficiencies/{late}.yaml", f.Message, StringComparison.Ordinal);
        Assert.Empty(RuleRunner.Run(new BudgetSumRule(), repo.Root, AsOf)); // percentages checked against the board at the cut
    }

    [Fact]
    public void Given_a_draft_log_scored_after_the_cut_When_gated_Then_late_evidence_not_a_mismatch()
    {
        using var repo = Create(cut: false);
        var draft = repo.Log("w1", "2027-01-12T00:00:00Z", scored: false);
        repo.Ticket(draft, 1, "sla_snapshot_mismatch", "cert_blocking");
        Allocate(repo, Sprint, AsOf);
        repo.Repo.Replace($"evidence/mock-audit-logs/{draft}.json", "\"status\": \"draft\"",
            "\"status\": \"scored\",\n  \"scores\": {\"1\": 4, \"2\": 4, \"3\": 4, \"4\": 4, \"5\": 4, \"6\": 4, \"7\": 4},\n  \"weighted_score\": 100,\n  \"pass_bit\": true");
        RuleRunner.Single(Run(repo), BlockReason.LateEvidence, BudgetPath, 12, Severity.Warning);
    }

    [Fact]
    public void Given_a_recorded_input_edited_so_the_old_board_changes_When_gated_Then_mismatch_naming_the_file()
    {
        using var repo = Create();
        repo.Repo.Replace("evidence/deficiencies/def-0005.yaml", "severity: minor", "severity: cert_blocking");
        var f = RuleRunner.Single(Run(repo), BlockReason.TrendBoardSnapshotMismatch, BudgetPath, 12);
        Assert.Contains("inputs recorded at the cut have changed or are gone: evidence/deficiencies/def-0005.yaml", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_recorded_input_resolved_or_carved_out_after_the_as_of_When_gated_Then_the_old_board_is_unchanged()
    {
        using var repo = Create();
        repo.Repo.Replace("evidence/deficiencies/def-0005.yaml", "status: open", "status: resolved\nresolved_dt_utc: 2027-01-20T00:00:00Z")
            .Replace("evidence/deficiencies/def-0006.yaml", "status: open", "status: carved_out\ncarve_out_id: co-9");
        repo.CarveOut("co-9", 6, "faq_unbound_readback", "2027-01-16T00:00:00Z", "2027-06-01T00:00:00Z");
        Assert.Empty(Run(repo));
    }

    [Fact]
    public void Given_a_budget_without_recorded_inputs_and_later_evidence_When_gated_Then_mismatch_saying_so()
    {
        using var repo = Create();
        var text = repo.Repo.Read(BudgetPath);
        var start = text.IndexOf(",\n  \"inputs_sha256\"", StringComparison.Ordinal);
        repo.Repo.Write(BudgetPath, text[..start] + "\n}\n");
        Assert.Empty(Run(repo));
        repo.Ticket(repo.Log("w9", "2027-01-12T00:00:00Z"), 2, "signer_route_unacked");
        var f = RuleRunner.Single(Run(repo), BlockReason.TrendBoardSnapshotMismatch, BudgetPath, 12);
        Assert.Contains("records no inputs_sha256", f.Message, StringComparison.Ordinal);
    }
}
