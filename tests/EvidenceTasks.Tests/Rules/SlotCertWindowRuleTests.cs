using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Rules;

public class SlotCertWindowRuleTests
{
    [Fact]
    public void Given_a_slots_file_of_a_known_window_When_evaluated_Then_nothing()
    {
        using var repo = RosterFixture.Create(new SlotSpec("us_t14"), new SlotSpec("us_t3", Start: "2027-01-15T21:00:00Z", End: "2027-01-15T22:30:00Z"));
        Assert.Empty(RosterFixture.Evaluate(repo, new SlotCertWindowRule()));
    }

    [Fact]
    public void Given_a_slots_file_of_a_window_missing_from_cert_windows_When_evaluated_Then_reference_broken_once_at_its_cert_window_id()
    {
        using var repo = RosterFixture.Create();
        repo.Write("roster/slots/w9.yaml", "cert_window_id: w9\nslots:\n" + new SlotSpec("us_t14").Yaml + new SlotSpec("us_t3", Start: "2027-01-15T21:00:00Z", End: "2027-01-15T22:30:00Z").Yaml);
        var f = RosterFixture.AssertSingle(repo, RosterFixture.Evaluate(repo, new SlotCertWindowRule()), BlockReason.ReferenceBroken, "roster/slots/w9.yaml", "cert_window_id: w9");
        Assert.Contains("'w9' is not a window in roster/cert_windows.yaml", f.Message, StringComparison.Ordinal);
    }
}
