using System.Text;
using EvidenceTasks.Core;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.Tests.Loading;

public class JsonDocumentParserTests
{
    private static ParseOutcome Parse(string json) => JsonDocumentParser.Parse("f.json", Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Given_valid_json_When_parsed_Then_positions_are_line_and_character_column()
    {
        var doc = Parse("{\n  \"ä\": \"ü\",\n  \"list\": [\n    {\"k\": 1}\n  ]\n}").Document!;
        Assert.Equal(new TextPosition(2, 3), doc.Positions.Find("/ä"));
        Assert.Equal(new TextPosition(4, 5), doc.Positions.Find("/list/0"));
        Assert.Equal(new TextPosition(4, 6), doc.Positions.Find("/list/0/k"));
    }

    [Theory]
    [InlineData("{\"a\": 1, \"a\": 2}", "duplicate key 'a'")]
    [InlineData("{\"a\": 1,}", "JSON syntax")]
    [InlineData("{\"a\": 1 // c\n}", "JSON syntax")]
    [InlineData("{\"a\": 1} {}", "after a single JSON value")]
    [InlineData("", "empty")]
    [InlineData("{\"a\": \"unterminated}", "JSON syntax")]
    public void Given_broken_json_When_parsed_Then_one_parse_error(string json, string expected)
    {
        var outcome = Parse(json);
        Assert.Null(outcome.Document);
        var f = Assert.Single(outcome.Findings);
        Assert.Equal(BlockReason.ParseError, f.Reason);
        Assert.Contains(expected, f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_deep_nesting_When_parsed_Then_refused()
    {
        var json = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200)) + "}";
        Assert.Equal(BlockReason.ParseError, Assert.Single(Parse(json).Findings).Reason);
    }

    [Fact]
    public void Given_numbers_When_parsed_Then_integers_exact_and_fractions_double()
    {
        var doc = Parse("""{"i": 9007199254740993, "f": 21.33}""").Document!;
        Assert.Equal(9007199254740993L, doc.Root!["i"]!.GetValue<long>());
        Assert.Equal(21.33, doc.Root!["f"]!.GetValue<double>());
    }
}
