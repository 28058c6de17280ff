using System.Text;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Hashing;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.IO.Attestation;

/// <summary>
/// The gate's verdict as an in-toto Statement v1 with the test-result predicate
/// (https://github.com/in-toto/attestation/blob/main/spec/predicates/test-result.md), so a partner's supply-chain
/// tooling can consume it. Subjects are the evidence files with their SHA-256; tests are the block reasons. The same
/// evidence and <c>as_of</c> give byte-identical statements.
/// </summary>
public static class InTotoStatement
{
    public const string StatementType = "https://in-toto.io/Statement/v1";
    public const string PredicateType = "https://in-toto.io/attestation/test-result/v0.1";

    /// <summary>Every regular file the gate read (paths relative to the root), with the SHA-256 of its bytes, sorted by path.</summary>
    public static IReadOnlyList<(string Path, string Sha256)> Subjects(IEvidenceSource source) =>
        source.Enumerate(new List<Finding>())
            .Where(e => e.Type == SourceEntryType.File)
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .Select(e => (e.Path, Sha256Hex.Of(source.Read(e))))
            .ToList();

    /// <param name="annotations">What the run was configured with (as_of, commits); recorded and digested in the configuration.</param>
    public static JsonObject Build(GateResult result, IEnumerable<(string Path, string Sha256)> subjects, IReadOnlyDictionary<string, string> annotations)
    {
        var failed = result.Findings.Where(f => f.Blocks).Select(f => f.Reason.Id).ToHashSet(StringComparer.Ordinal);
        var warned = result.Findings.Where(f => !f.Blocks).Select(f => f.Reason.Id).Where(id => !failed.Contains(id)).ToHashSet(StringComparer.Ordinal);
        var ids = BlockReason.All.Select(r => r.Id).ToList();

        var run = new JsonObject();
        foreach (var (key, value) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal)) run[key] = value;
        var configuration = new JsonArray
        {
            new JsonObject
            {
                ["name"] = "evidence-tasks gate",
                ["digest"] = Digest(Sha256Hex.OfCanonical(run)),
                ["annotations"] = run,
            },
        };
        foreach (var schema in SchemaSet.Names)
        {
            configuration.Add(new JsonObject
            {
                ["name"] = $"schemas/{schema}.schema.json",
                ["digest"] = Digest(Sha256Hex.Of(Encoding.UTF8.GetBytes(SchemaSet.ReadEmbedded(schema)))),
            });
        }

        return new JsonObject
        {
            ["_type"] = StatementType,
            ["subject"] = new JsonArray(subjects.OrderBy(s => s.Path, StringComparer.Ordinal)
                .Select(s => (JsonNode)new JsonObject { ["name"] = s.Path, ["digest"] = Digest(s.Sha256) }).ToArray()),
            ["predicateType"] = PredicateType,
            ["predicate"] = new JsonObject
            {
                ["result"] = result.Blocked ? "FAILED" : warned.Count > 0 ? "WARNED" : "PASSED",
                ["configuration"] = configuration,
                ["passedTests"] = Names(ids.Where(id => !failed.Contains(id) && !warned.Contains(id))),
                ["warnedTests"] = Names(ids.Where(warned.Contains)),
                ["failedTests"] = Names(ids.Where(failed.Contains)),
            },
        };
    }

    private static JsonObject Digest(string sha256) => new() { ["sha256"] = sha256 };

    private static JsonArray Names(IEnumerable<string> names) => new(names.Select(n => (JsonNode)JsonValue.Create(n)).ToArray());

    /// <summary>Writes the statement atomically (an unchanged statement leaves the file untouched).</summary>
    public static WriteOutcome Write(string path, JsonObject statement) => AtomicFile.WriteIfChanged(path, EvidenceJson.Write(statement));
}
