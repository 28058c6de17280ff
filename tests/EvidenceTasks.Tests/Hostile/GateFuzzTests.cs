using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using EvidenceTasks.Cli;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;
using NodaTime;
using Xunit.Abstractions;

namespace EvidenceTasks.Tests.Hostile;

/// <summary>
/// The whole gate under mutated evidence: the loader plus every rule (<see cref="GateRules.All"/>), and the real CLI
/// <c>gate</c> in-process. Never a crash (an exception, or exit code 3), never a hang (each run is bounded), every
/// finding has a location. Two mutation families: byte-level noise (the loader's job) and <em>schema-valid but odd</em>
/// values (empty lists and strings, unknown ids, 0001-01-01 and 9999-12-31, huge and negative numbers: the rules' job).
/// Longer runs: EVIDENCE_FUZZ_ITER / EVIDENCE_FUZZ_SEED (docs/security.md).
/// </summary>
public class GateFuzzTests(ITestOutputHelper output)
{
    private static readonly long Iterations = long.TryParse(Environment.GetEnvironmentVariable("EVIDENCE_FUZZ_ITER"), out var n) ? n : 200;
    private static readonly TimeSpan PerRunTimeout = TimeSpan.FromSeconds(30);
    private static readonly Instant AsOf = CliRunner.FixedNow;

    internal static readonly string[] Corpus = Directory
        .EnumerateFiles(TempEvidenceRepo.RepositoryRoot, "*.*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(TempEvidenceRepo.RepositoryRoot, f).Replace('\\', '/'))
        .Where(p => (p.StartsWith("governance/", StringComparison.Ordinal) || p.StartsWith("roster/", StringComparison.Ordinal) || p.StartsWith("evidence/", StringComparison.Ordinal))
                    && (p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".json", StringComparison.Ordinal) || p.EndsWith(".md", StringComparison.Ordinal)))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Odd values a schema may still accept: the edges of every type the evidence uses.</summary>
    internal static readonly string[] OddScalars =
    [
        "\"\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"0001-01-01\"", "\"9999-12-31\"", "\"unknown-id\"", "\"no_such_slot_9999_99_99\"",
        "0", "-1", "1e308", "-1e308", "9223372036854775807", "4.9e-324", "100.000000001", "true", "false", "null", "[]", "{}", "\"\\u0000\"", "\"x\\ny\"",
        "\"UTC\"", "\"Etc/GMT+14\"", "\"Not/AZone\"", "\"%s%n\"", "\"../../etc/passwd\"",
    ];

    private static readonly Regex YamlScalarLine = new(@"^(\s*(?:- )?[A-Za-z_][A-Za-z0-9_]*:)\s+(\S.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>Replaces one JSON value (leaf or container) by an odd one, keeping the file valid JSON.</summary>
    private static byte[] OddJson(byte[] bytes, int pick, int odd)
    {
        try { return OddJsonOf(bytes, pick, odd); }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return bytes; // an earlier byte mutation broke the JSON (its UTF-8, or duplicated a key): nothing to replace
        }
    }

    // Strict about duplicate keys so they fail here, at parse, rather than later inside JsonObject's lazy dictionary.
    private static readonly System.Text.Json.JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    private static byte[] OddJsonOf(byte[] bytes, int pick, int odd)
    {
        var root = JsonNode.Parse(bytes, documentOptions: StrictJson);
        var nodes = new List<JsonNode>();
        void Walk(JsonNode? node)
        {
            if (node is null) return;
            if (node.Parent is not null) nodes.Add(node);
            if (node is JsonObject o) foreach (var kv in o.ToList()) Walk(kv.Value);
            if (node is JsonArray a) foreach (var item in a.ToList()) Walk(item);
        }
        Walk(root);
        if (nodes.Count == 0) return bytes;
        var target = nodes[pick % nodes.Count];
        var value = JsonNode.Parse(OddScalars[odd % OddScalars.Length]);
        switch (target.Parent)
        {
            case JsonObject parent: parent[target.GetPropertyName()] = value; break;
            case JsonArray array: array[target.GetElementIndex()] = value; break;
        }
        return Encoding.UTF8.GetBytes(root!.ToJsonString());
    }

    /// <summary>Replaces the value of one <c>key: value</c> line of a YAML file by an odd one (quoted as JSON, which is YAML).</summary>
    private static byte[] OddYaml(byte[] bytes, int pick, int odd)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var matches = YamlScalarLine.Matches(text);
        if (matches.Count == 0) return bytes;
        var m = matches[pick % matches.Count];
        var value = OddScalars[odd % OddScalars.Length];
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, m.Groups[2].Index), value, text.AsSpan(m.Groups[2].Index + m.Groups[2].Length)));
    }

    private static readonly Gen<Func<string, byte[], byte[]>> OddValue =
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[0, 1000]).Select((pick, odd) => (Func<string, byte[], byte[]>)((path, bytes) =>
            path.EndsWith(".json", StringComparison.Ordinal) ? OddJson(bytes, pick, odd) : OddYaml(bytes, pick, odd)));

    private static readonly Gen<Func<string, byte[], byte[]>> Mutation = Gen.Frequency(
        (1, LoaderFuzzTests.ByteMutation.Select(m => (Func<string, byte[], byte[]>)((_, b) => m(b)))),
        (2, OddValue));

    private static T Bounded<T>(Func<T> run, string what)
    {
        var task = Task.Run(run);
        if (!task.Wait(PerRunTimeout)) throw new TimeoutException($"{what} did not finish within {PerRunTimeout.TotalSeconds:0}s (a hang)");
        return task.GetAwaiter().GetResult();
    }

    [Fact]
    public void Given_mutated_or_odd_evidence_When_the_whole_gate_and_the_cli_run_Then_no_crash_no_hang_and_findings_have_locations()
    {
        Assert.NotEmpty(Corpus);
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        var originals = Corpus.ToDictionary(p => p, p => File.ReadAllBytes(repo.PathOf(p)));
        long runs = 0, cliRuns = 0, blocked = 0;
        Gen.Select(Gen.Int[0, Corpus.Length - 1], Mutation.Array[1, 3], Gen.Int[0, 3]).Sample((index, mutations, viaCli) =>
        {
            var path = Corpus[index];
            var bytes = mutations.Aggregate(originals[path], (b, m) => m(path, b));
            FuzzHarness.WithMutated(repo, path, bytes, originals[path], "gate", () =>
            {
                var result = Bounded(() =>
                {
                    var loaded = EvidenceLoader.Default.Load(repo.Root);
                    return Gate.Evaluate(loaded.Evidence, loaded.Findings, AsOf, GateRules.All);
                }, $"gate over a mutated {path}");
                FuzzHarness.CheckLocated(result.Findings);
                if (result.Blocked) Interlocked.Increment(ref blocked);
                if (viaCli == 0)
                {
                    var cli = Bounded(() => CliRunner.Run(repo.Root, "gate", "--root", repo.Root, "--as-of", "2026-11-23T12:00:00Z", "--format", "text"), $"cli gate over a mutated {path}");
                    if (cli.ExitCode is not (ExitCodes.Clean or ExitCodes.Blocked))
                        throw new InvalidOperationException($"cli gate exited {cli.ExitCode}: {cli.Error}");
                    if (cli.ExitCode == ExitCodes.Blocked && !cli.OutLines.Any(l => Regex.IsMatch(l, @"^[^:\s]+:\d+:\d+: error [a-z_]+: ")))
                        throw new InvalidOperationException($"cli gate blocked without a located error line:\n{cli.Out}");
                    Interlocked.Increment(ref cliRuns);
                }
                Interlocked.Increment(ref runs);
            });
        }, iter: Iterations, threads: 1, seed: Environment.GetEnvironmentVariable("EVIDENCE_FUZZ_SEED"));
        FuzzHarness.Report(output, $"fuzz: {runs} gate runs ({cliRuns} through the cli) over {Corpus.Length} seed files, {blocked} blocked, 0 crashes, 0 hangs");
        Assert.Equal(Iterations, runs);
    }

    /// <summary>
    /// Odd gate inputs kept as regression cases, each replacing one file of the bundled evidence:
    /// tests/EvidenceTasks.Tests/Hostile/corpus/gate/&lt;evidence path&gt; (extreme dates, empty lists, unknown ids, and any
    /// input the fuzzer once found crashing a rule).
    /// </summary>
    public static TheoryData<string> GateCases
    {
        get
        {
            var dir = Path.Combine(TempEvidenceRepo.RepositoryRoot, "tests/EvidenceTasks.Tests/Hostile/corpus/gate");
            return new TheoryData<string>(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(GateCases))]
    public void Given_an_odd_or_past_crash_input_When_the_gate_runs_Then_it_blocks_with_located_findings(string evidencePath)
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        repo.WriteBytes(evidencePath, File.ReadAllBytes(Path.Combine(TempEvidenceRepo.RepositoryRoot, "tests/EvidenceTasks.Tests/Hostile/corpus/gate", evidencePath)));
        var loaded = EvidenceLoader.Default.Load(repo.Root);
        var result = Gate.Evaluate(loaded.Evidence, loaded.Findings, AsOf, GateRules.All);
        FuzzHarness.CheckLocated(result.Findings);
        Assert.True(result.Blocked, "an odd input must block somewhere");
        var cli = CliRunner.Run(repo.Root, "gate", "--root", repo.Root, "--as-of", "2026-11-23T12:00:00Z");
        Assert.Equal(ExitCodes.Blocked, cli.ExitCode);
        Assert.DoesNotContain("internal error", cli.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gate", "9999-12-31", ExitCodes.Usage)]
    [InlineData("gate", "9999-12-31T23:59:59Z", ExitCodes.Usage)]
    [InlineData("gate", "0001-01-01", ExitCodes.Usage)]
    [InlineData("gate", "8999-12-31T23:59:59Z", ExitCodes.Clean)]
    [InlineData("gate", "1900-01-01T00:00:00Z", ExitCodes.Clean)]
    [InlineData("board", "8999-12-31T23:59:59Z", ExitCodes.Clean)]
    [InlineData("friday", "8999-12-31T23:59:59Z", ExitCodes.Clean)]
    [InlineData("roster", "8999-12-31T23:59:59Z", ExitCodes.Clean)]
    public void Given_an_extreme_as_of_When_a_verb_runs_Then_a_verdict_or_a_usage_error_never_a_crash(string verb, string asOf, int expected)
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        var run = CliRunner.Run(repo.Root, verb, "--root", repo.Root, "--as-of", asOf);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
        Assert.Equal(expected, run.ExitCode);
    }
}
