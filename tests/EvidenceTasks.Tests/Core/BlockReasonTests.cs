using EvidenceTasks.Cli;
using EvidenceTasks.Core;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Core;

public class BlockReasonTests
{
    [Fact]
    public void Given_the_registry_When_compared_with_docs_Then_docs_block_reasons_md_is_current()
    {
        var docs = File.ReadAllText(Path.Combine(TempEvidenceRepo.RepositoryRoot, "docs/block-reasons.md"));
        Assert.True(docs == ReasonsVerb.Markdown(),
            "docs/block-reasons.md drifted from BlockReason.All; regenerate it: dotnet run --project src/EvidenceTasks -- reasons --format markdown > docs/block-reasons.md");
    }

    [Theory]
    [InlineData("schema_invalid")]
    [InlineData("mock_audit_log_orphan")]
    [InlineData("panel_roster_gap_open")]
    [InlineData("attendance_roster_mismatch")]
    [InlineData("tuple_drift")]
    [InlineData("receipt_hash_mismatch")]
    [InlineData("manifest_hash_mismatch")]
    [InlineData("budget_sum_invalid")]
    [InlineData("recurrence_red_unhardened")]
    [InlineData("evidence_rewritten")]
    public void Given_a_spec_block_reason_When_looked_up_Then_registered_with_meaning_and_fix(string id)
    {
        var reason = BlockReason.Find(id);
        Assert.NotNull(reason);
        Assert.False(string.IsNullOrWhiteSpace(reason.Meaning));
        Assert.False(string.IsNullOrWhiteSpace(reason.Fix));
    }

    [Fact]
    public void Given_the_registry_When_inspected_Then_ids_are_unique_snake_case()
    {
        Assert.Equal(BlockReason.All.Length, BlockReason.All.Select(r => r.Id).Distinct().Count());
        Assert.All(BlockReason.All, r => Assert.Matches("^[a-z][a-z0-9_]*$", r.Id));
    }
}
