using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EvidenceTasks.Cli;
using EvidenceTasks.IO.Attestation;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.History;

/// <summary><c>gate --attest FILE</c>: the verdict as an in-toto Statement v1 with the test-result predicate.</summary>
public class AttestationTests
{
    private const string AsOf = "2027-01-01T00:00:00Z";

    [Fact]
    public void Given_a_gate_run_When_attested_Then_an_in_toto_statement_with_every_evidence_file_and_its_sha256()
    {
        using var s = GitScenario.WithSamples();
        var head = s.Commit("samples");
        var file = s.Files.PathOf("../" + Guid.NewGuid().ToString("n") + ".intoto.json");
        try
        {
            var run = CliRunner.Run(s.Root, "gate", "--as-of", AsOf, "--attest", file);
            var doc = JsonNode.Parse(File.ReadAllText(file))!;
            Assert.Equal("https://in-toto.io/Statement/v1", doc["_type"]!.GetValue<string>());
            Assert.Equal("https://in-toto.io/attestation/test-result/v0.1", doc["predicateType"]!.GetValue<string>());
            Assert.Equal(["_type", "subject", "predicateType", "predicate"], doc.AsObject().Select(p => p.Key));

            var subjects = doc["subject"]!.AsArray();
            Assert.Equal(KindSamples.ValidFiles.Keys.Order(StringComparer.Ordinal), subjects.Select(x => x!["name"]!.GetValue<string>()));
            foreach (var subject in subjects)
            {
                var bytes = File.ReadAllBytes(s.Files.PathOf(subject!["name"]!.GetValue<string>()));
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), subject["digest"]!["sha256"]!.GetValue<string>());
            }

            var predicate = doc["predicate"]!;
            Assert.Equal(run.ExitCode == ExitCodes.Blocked ? "FAILED" : "PASSED", predicate["result"]!.GetValue<string>());
            var gate = predicate["configuration"]![0]!;
            Assert.Equal(AsOf, gate["annotations"]!["as_of"]!.GetValue<string>());
            Assert.Equal(head.Sha, gate["annotations"]!["head_commit"]!.GetValue<string>());
            Assert.Contains(predicate["configuration"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "schemas/attendance-receipt.schema.json");
            var tests = new[] { "passedTests", "warnedTests", "failedTests" }.SelectMany(k => predicate[k]!.AsArray().Select(t => t!.GetValue<string>())).Order();
            Assert.Equal(EvidenceTasks.Core.BlockReason.All.Select(r => r.Id).Order(), tests);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Given_a_blocked_gate_When_attested_Then_result_failed_naming_the_failed_reason()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        repo.Replace("evidence/deficiencies/def-1.yaml", "severity: cert_blocking", "severity: blocker");
        var run = CliRunner.Run(repo.Root, "gate", "--as-of", AsOf, "--attest", "out/verdict.json");
        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        var predicate = JsonNode.Parse(repo.Read("out/verdict.json"))!["predicate"]!;
        Assert.Equal("FAILED", predicate["result"]!.GetValue<string>());
        Assert.Contains("schema_invalid", predicate["failedTests"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.DoesNotContain("schema_invalid", predicate["passedTests"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Null(predicate["configuration"]![0]!["annotations"]!["head_commit"]); // a plain folder has no commit
    }

    [Fact]
    public void Given_the_same_evidence_and_as_of_When_attested_twice_Then_byte_identical_and_left_untouched()
    {
        using var repo = KindSamples.WriteAll(new TempEvidenceRepo());
        var first = CliRunner.Run(repo.Root, "gate", "--as-of", AsOf, "--attest", "verdict.json");
        Assert.Contains("attestation written", first.Error, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(repo.PathOf("verdict.json"));
        var stamp = File.GetLastWriteTimeUtc(repo.PathOf("verdict.json"));
        var second = CliRunner.Run(repo.Root, "gate", "--as-of", AsOf, "--attest", "verdict.json");
        Assert.Contains("attestation unchanged", second.Error, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(repo.PathOf("verdict.json")));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(repo.PathOf("verdict.json")));
        Assert.Empty(Directory.GetFiles(repo.Root, "*.tmp"));
    }

    [Fact]
    public void Given_warnings_only_When_built_Then_result_warned()
    {
        var warning = EvidenceTasks.Core.Finding.Warning(EvidenceTasks.Core.BlockReason.ReceiptLate, new EvidenceTasks.Core.SourceLocation("evidence/attendance/a.json", 8, 3), "late");
        var result = new EvidenceTasks.Core.GateResult(NodaTime.Instant.FromUtc(2027, 1, 1, 0, 0), [warning]);
        var statement = InTotoStatement.Build(result, [("evidence/attendance/a.json", new string('0', 64))], new Dictionary<string, string> { ["as_of"] = AsOf });
        Assert.Equal("WARNED", statement["predicate"]!["result"]!.GetValue<string>());
        Assert.Equal(["receipt_late"], statement["predicate"]!["warnedTests"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Empty(statement["predicate"]!["failedTests"]!.AsArray());
    }
}
