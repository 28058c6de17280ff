using CsCheck;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;

namespace EvidenceTasks.Tests.Loading;

/// <summary>
/// The flat-mapping fast path of <see cref="YamlDocumentParser"/> must never change what a file means: whenever it
/// accepts a document, YamlDotNet's full parse gives the same tree and the same field positions.
/// </summary>
public class FlatYamlFastPathTests
{
    // Pieces that are safe for the fast path and pieces that change YAML's meaning (comments, quotes, indicators, tabs,
    // trailing spaces, flow brackets, non-ASCII, mapping separators) so both sides of its boundary are exercised.
    private static readonly string[] ValuePieces =
    [
        "a", "Z", "7", "0", "x", "-", "_", ".", ":", ": ", " ", "  ", "#", " #", "'", "\"", "[", "]", "{", "}", "&", "*",
        "!", "|", ">", "%", "@", "~", "\t", "é", "null", "true", "No", "0x1F", "0o17", "1e3", ".inf", "2027-01-15T01:00:00Z",
        "4.5", "+1", "/", ",", ";", "(", ")", "=", "\\",
    ];

    private static readonly string[] SafePieces = ["a", "Z", "7", "0", "x", "-", "_", ".", ":", " ", "@", "/", ",", ";", "(", ")", "=", "%", "+", "1e3", "4.5", "null", "true", "No", "0x1F", "0o17", "2027-01-15T01:00:00Z"];

    private static Gen<string> Pieces(string[] pieces, int max) =>
        Gen.OneOf(pieces.Select(Gen.Const).ToArray()).Array[0, max].Select(parts => string.Concat(parts));

    // Mostly values the fast path may take (they start with a letter or digit), some that it must refuse.
    private static readonly Gen<string> Value = Gen.Frequency(
        (6, Gen.Select(Gen.OneOf(Gen.Const("a"), Gen.Const("7"), Gen.Const("0"), Gen.Const("n"), Gen.Const("t")), Pieces(SafePieces, 5), (first, rest) => first + rest)),
        (2, Pieces(ValuePieces, 6)));

    private static readonly Gen<string> SafeKey = Gen.OneOf(new[] { "status", "severity", "a", "k1", "Key_2", "0", "true", "null" }.Select(Gen.Const).ToArray());

    private static readonly Gen<string> Key = Gen.Frequency((8, SafeKey), (1, Gen.OneOf(new[] { "x y", "-k", "é", "", "a:b", "? k" }.Select(Gen.Const).ToArray())));

    private static readonly Gen<string> Line = Gen.Frequency(
        (24, Gen.Select(Key, Value, (k, v) => $"{k}: {v}")),
        (1, Gen.Select(Key, Value, (k, v) => $"{k}:{v}")),
        (1, Gen.Select(Key, Value, (k, v) => $"  {k}: {v}")),
        (1, Gen.Select(Key, Value, (k, v) => $"- {k}: {v}")),
        (1, Gen.Const("# a comment: with a colon")),
        (1, Gen.Const("")),
        (1, Gen.Const("   ")),
        (1, Gen.Const("---")),
        (1, Gen.Const("\tk: v")),
        (1, Value));

    private static readonly Gen<string> Document = Gen.Select(Line.Array[0, 6], Gen.Int[0, 9], (lines, crlf9) =>
        string.Join(crlf9 == 0 ? "\r\n" : "\n", lines) + (crlf9 == 0 ? "\r\n" : "\n"));

    [Fact]
    public void Given_random_line_documents_When_the_fast_path_accepts_one_Then_the_full_parser_reads_the_same_tree_and_positions()
    {
        var accepted = 0;
        Document.Sample(text =>
        {
            if (YamlDocumentParser.TryParseFlat("f.yaml", text) is not { } flat) return;
            accepted++;
            AssertSameAsFull(text, flat);
        }, iter: 3000);
        // Without this the property could pass by never taking the fast path.
        Assert.True(accepted > 200, $"the fast path accepted only {accepted} of 3000 documents");
    }

    [Fact]
    public void Given_the_bundled_flat_files_When_parsed_Then_tickets_and_weeks_take_the_fast_path_with_identical_results()
    {
        var root = TempEvidenceRepo.RepositoryRoot;
        var fast = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
                     .Where(f => f.Contains("/evidence/", StringComparison.Ordinal) || f.Contains("/roster/", StringComparison.Ordinal) || f.Contains("/governance/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            if (YamlDocumentParser.TryParseFlat(file, text) is not { } flat) continue;
            fast++;
            AssertSameAsFull(text, flat);
        }
        foreach (var ticket in Directory.EnumerateFiles(Path.Combine(root, "evidence", "deficiencies"), "*.yaml"))
            Assert.NotNull(YamlDocumentParser.TryParseFlat(ticket, File.ReadAllText(ticket)));
        Assert.True(fast >= 12, $"only {fast} bundled files took the fast path");
    }

    [Theory]
    [InlineData("status: open # trailing comment\n")]
    [InlineData("summary: 'quoted'\n")]
    [InlineData("summary: a: b\n")]
    [InlineData("status: open\nstatus: closed\n")]
    [InlineData("status: open \n")]
    [InlineData("status: open\n  continued\n")]
    [InlineData("# only a comment\n")]
    [InlineData("status: résolu\n")]
    [InlineData("status: -1\n")]
    [InlineData("status: open\r\n")]
    public void Given_a_form_outside_the_fast_path_When_parsed_Then_it_is_left_to_the_full_parser(string text)
    {
        Assert.Null(YamlDocumentParser.TryParseFlat("f.yaml", text));
        var viaParse = YamlDocumentParser.Parse("f.yaml", text);
        var viaFull = YamlDocumentParser.ParseFull("f.yaml", text);
        Assert.Equal(viaFull.Findings.ToArray(), viaParse.Findings.ToArray());
        Assert.Equal(viaFull.Document?.Root?.ToJsonString(), viaParse.Document?.Root?.ToJsonString());
    }

    private static void AssertSameAsFull(string text, ParsedDocument flat)
    {
        var full = YamlDocumentParser.ParseFull("f.yaml", text);
        Assert.True(full.Document is not null, $"fast path accepted what the full parser refuses: {string.Join("; ", full.Findings)}\n{text}");
        Assert.Equal(full.Document!.Root!.ToJsonString(), flat.Root!.ToJsonString());
        foreach (var (key, _) in full.Document.Root.AsObject())
        {
            var pointer = EvidenceTasks.Core.PositionMap.Child(string.Empty, key);
            Assert.Equal(full.Document.Positions.Find(pointer), flat.Positions.Find(pointer));
        }
    }
}
