using System.Text;
using CsCheck;
using EvidenceTasks.Core;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;
using Xunit.Abstractions;

namespace EvidenceTasks.Tests.Hostile;

/// <summary>
/// Mutated evidence never crashes or hangs the loader and always ends in findings with a location. The seed corpus is the
/// bundled evidence; a longer run: set EVIDENCE_FUZZ_ITER (see docs/security.md).
/// </summary>
public class LoaderFuzzTests(ITestOutputHelper output)
{
    private static readonly long Iterations = long.TryParse(Environment.GetEnvironmentVariable("EVIDENCE_FUZZ_ITER"), out var n) ? n : 400;

    private static readonly string[] Corpus = Directory
        .EnumerateFiles(TempEvidenceRepo.RepositoryRoot, "*.*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(TempEvidenceRepo.RepositoryRoot, f).Replace('\\', '/'))
        .Where(p => (p.StartsWith("governance/", StringComparison.Ordinal) || p.StartsWith("roster/", StringComparison.Ordinal) || p.StartsWith("evidence/", StringComparison.Ordinal))
                    && (p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".json", StringComparison.Ordinal)))
        .Order(StringComparer.Ordinal)
        .ToArray();

    // Mutations that matter for YAML/JSON: byte noise, structural characters, YAML indicators, truncation, duplication.
    private static readonly string[] Tokens =
        ["\t", "\n", "  ", ":", "- ", "&a ", "*a", "!!str ", "---\n", "{", "}", "[", "]", "\"", "'", ",", "#", "|", ">", "~", "null", "0x", "1e999", "\u00e9", "\uFEFF", "\0", "? ", "%YAML 1.1\n"];

    internal static readonly Gen<Func<byte[], byte[]>> ByteMutation = Gen.OneOf(
        Gen.Int[0, 4096].Select(Gen.Byte).Select((pos, b) => (Func<byte[], byte[]>)(bytes =>
        {
            if (bytes.Length == 0) return [b];
            var copy = (byte[])bytes.Clone();
            copy[pos % copy.Length] = b;
            return copy;
        })),
        Gen.Int[0, 4096].Select(Gen.Int[0, Tokens.Length - 1]).Select((pos, t) => (Func<byte[], byte[]>)(bytes =>
        {
            var at = bytes.Length == 0 ? 0 : pos % bytes.Length;
            return [.. bytes.AsSpan(0, at), .. Encoding.UTF8.GetBytes(Tokens[t]), .. bytes.AsSpan(at)];
        })),
        Gen.Int[0, 4096].Select(Gen.Int[1, 64]).Select((pos, len) => (Func<byte[], byte[]>)(bytes =>
        {
            if (bytes.Length == 0) return bytes;
            var at = pos % bytes.Length;
            var cut = Math.Min(len, bytes.Length - at);
            return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + cut)];
        })),
        Gen.Int[0, 4096].Select(pos => (Func<byte[], byte[]>)(bytes => bytes.Length == 0 ? bytes : bytes[..(pos % bytes.Length)])),
        Gen.Const((Func<byte[], byte[]>)(bytes => [.. bytes, .. bytes])));

    [Fact]
    public void Given_mutated_evidence_When_loaded_Then_never_crashes_and_every_finding_has_a_location()
    {
        Assert.NotEmpty(Corpus);
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        var originals = Corpus.ToDictionary(p => p, p => File.ReadAllBytes(repo.PathOf(p)));
        long runs = 0;
        Gen.Select(Gen.Int[0, Corpus.Length - 1], ByteMutation.Array[1, 4]).Sample((index, mutations) =>
        {
            var path = Corpus[index];
            var bytes = mutations.Aggregate(originals[path], (b, m) => m(b));
            FuzzHarness.WithMutated(repo, path, bytes, originals[path], "load", () =>
            {
                var result = EvidenceLoader.Default.Load(repo.Root);
                FuzzHarness.CheckLocated(result.Findings);
                // A file that did not load must say why: either records or at least one finding for that path.
                if (result.Evidence.IsUnreadable(path) && !result.Findings.Any(f => f.Location.Path == path))
                    throw new InvalidOperationException($"{path} was dropped without a finding");
                Interlocked.Increment(ref runs);
            });
        }, iter: Iterations, threads: 1, seed: Environment.GetEnvironmentVariable("EVIDENCE_FUZZ_SEED"));
        FuzzHarness.Report(output, $"fuzz: {runs} mutated loads over {Corpus.Length} seed files, 0 crashes");
    }

    [Fact]
    public void Given_an_alias_bomb_of_a_thousand_levels_When_loaded_Then_one_finding_in_bounded_time()
    {
        var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 1000; i++) sb.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        var outcome = YamlDocumentParser.Parse("bomb.yaml", sb.ToString());
        var f = Assert.Single(outcome.Findings);
        Assert.Equal(BlockReason.ParseError, f.Reason);
    }

    [Fact]
    public void Given_a_very_long_scalar_When_loaded_Then_refused_with_a_finding()
    {
        var outcome = YamlDocumentParser.Parse("long.yaml", "rationale: " + new string('x', LoadLimits.MaxScalarChars + 1) + "\n");
        Assert.Contains("longer than", Assert.Single(outcome.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_huge_flat_mapping_When_loaded_Then_node_limit_applies()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < LoadLimits.MaxNodes + 10; i++) sb.Append("k").Append(i).Append(": 1\n");
        var outcome = YamlDocumentParser.Parse("wide.yaml", sb.ToString());
        Assert.Contains("nodes", Assert.Single(outcome.Findings).Message, StringComparison.Ordinal);
    }
}

/// <summary>Inputs the fuzzer once found crashing, kept as regression cases (tests/EvidenceTasks.Tests/Hostile/corpus/).</summary>
public class FuzzCorpusRegressionTests
{
    public static TheoryData<string> Cases => new(Directory.GetFiles(Path.Combine(TempEvidenceRepo.RepositoryRoot, "tests/EvidenceTasks.Tests/Hostile/corpus")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Given_a_past_crash_input_When_parsed_Then_one_parse_error_with_a_position(string name)
    {
        var text = File.ReadAllText(Path.Combine(TempEvidenceRepo.RepositoryRoot, "tests/EvidenceTasks.Tests/Hostile/corpus", name));
        var outcome = YamlDocumentParser.Parse(name, text);
        var f = Assert.Single(outcome.Findings);
        Assert.Equal(BlockReason.ParseError, f.Reason);
        Assert.True(f.Location.Line > 1, $"expected a position past the start, got {f.Location}");
    }
}
