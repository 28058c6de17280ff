using System.Text.Json;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.Tests.Loading;

public class YamlDocumentParserTests
{
    private static ParsedDocument Ok(string yaml)
    {
        var outcome = YamlDocumentParser.Parse("f.yaml", yaml);
        Assert.True(outcome.Document is not null, string.Join("\n", outcome.Findings));
        return outcome.Document!;
    }

    private static Finding Refused(string yaml)
    {
        var outcome = YamlDocumentParser.Parse("f.yaml", yaml);
        Assert.Null(outcome.Document);
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal(BlockReason.ParseError, finding.Reason);
        return finding;
    }

    [Theory]
    [InlineData("v: no", JsonValueKind.String, "\"no\"")]
    [InlineData("v: yes", JsonValueKind.String, "\"yes\"")]
    [InlineData("v: off", JsonValueKind.String, "\"off\"")]
    [InlineData("v: 2027-01-15T01:00:00Z", JsonValueKind.String, "\"2027-01-15T01:00:00Z\"")]
    [InlineData("v: 2027-01-15", JsonValueKind.String, "\"2027-01-15\"")]
    [InlineData("v: true", JsonValueKind.True, "true")]
    [InlineData("v: FALSE", JsonValueKind.False, "false")]
    [InlineData("v: 42", JsonValueKind.Number, "42")]
    [InlineData("v: -7", JsonValueKind.Number, "-7")]
    [InlineData("v: 0x1F", JsonValueKind.Number, "31")]
    [InlineData("v: 0o17", JsonValueKind.Number, "15")]
    [InlineData("v: 012", JsonValueKind.Number, "12")]
    [InlineData("v: 4.5", JsonValueKind.Number, "4.5")]
    [InlineData("v: '42'", JsonValueKind.String, "\"42\"")]
    [InlineData("v: \"true\"", JsonValueKind.String, "\"true\"")]
    [InlineData("v: 1.4.0", JsonValueKind.String, "\"1.4.0\"")]
    [InlineData("v: a1b2c3", JsonValueKind.String, "\"a1b2c3\"")]
    public void Given_a_plain_scalar_When_parsed_Then_typed_by_the_yaml_1_2_core_schema(string yaml, JsonValueKind kind, string json)
    {
        var v = Ok(yaml).Root!["v"]!;
        Assert.Equal(kind, v.GetValueKind());
        Assert.Equal(json, v.ToJsonString());
    }

    [Theory]
    [InlineData("v: ~")]
    [InlineData("v: null")]
    [InlineData("v:")]
    public void Given_a_null_scalar_When_parsed_Then_value_is_null(string yaml) =>
        Assert.Null(Ok(yaml).Root!["v"]);

    [Fact]
    public void Given_nested_document_When_parsed_Then_each_key_and_item_has_its_position()
    {
        var doc = Ok("a: 1\nslots:\n  - id: x\n    bindings:\n      - {role: scribe, who: eng.alice}\n");
        Assert.Equal(new TextPosition(1, 1), doc.Positions.Find("/a"));
        Assert.Equal(new TextPosition(2, 1), doc.Positions.Find("/slots"));
        Assert.Equal(new TextPosition(3, 5), doc.Positions.Find("/slots/0"));
        Assert.Equal(new TextPosition(4, 5), doc.Positions.Find("/slots/0/bindings"));
        Assert.Equal(new TextPosition(5, 24), doc.Positions.Find("/slots/0/bindings/0/who"));
        // An unknown pointer falls back to its nearest ancestor.
        Assert.Equal(new TextPosition(3, 5), doc.Positions.Find("/slots/0/missing"));
    }

    [Fact]
    public void Given_tab_indentation_When_parsed_Then_refused_at_the_tab()
    {
        var f = Refused("a:\n\tb: 1\n");
        Assert.Equal((2, 1), (f.Location.Line, f.Location.Column));
        Assert.Contains("tab", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_duplicate_key_When_parsed_Then_refused_at_the_second_key()
    {
        var f = Refused("a: 1\nb: 2\na: 3\n");
        Assert.Equal((3, 1), (f.Location.Line, f.Location.Column));
        Assert.Contains("duplicate key 'a'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_nested_duplicate_key_When_parsed_Then_refused()
    {
        var f = Refused("s:\n  - {x: 1, x: 2}\n");
        Assert.Equal(2, f.Location.Line);
    }

    [Fact]
    public void Given_anchor_When_parsed_Then_refused()
    {
        var f = Refused("a: &x 1\nb: 2\n");
        Assert.Contains("anchor", f.Message, StringComparison.Ordinal);
        Assert.Equal(1, f.Location.Line);
    }

    [Fact]
    public void Given_alias_bomb_When_parsed_Then_refused_without_expansion()
    {
        const string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
        var f = Refused(bomb);
        Assert.Equal(1, f.Location.Line);
    }

    [Fact]
    public void Given_several_documents_When_parsed_Then_refused_at_the_second()
    {
        var f = Refused("a: 1\n---\nb: 2\n");
        Assert.Equal(2, f.Location.Line);
        Assert.Contains("more than one YAML document", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_unclosed_quote_When_parsed_Then_one_syntax_finding_with_position()
    {
        var f = Refused("a: \"open\nb: 2\n");
        Assert.StartsWith("YAML syntax:", f.Message, StringComparison.Ordinal);
        Assert.True(f.Location.Line >= 1);
    }

    [Fact]
    public void Given_explicit_tag_When_parsed_Then_refused()
    {
        var f = Refused("a: !!binary aGVsbG8=\n");
        Assert.Contains("tag", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_empty_file_When_parsed_Then_refused() =>
        Assert.Contains("empty", Refused("# only a comment\n").Message, StringComparison.Ordinal);

    [Fact]
    public void Given_deep_nesting_When_parsed_Then_refused_not_stack_overflow()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 500)) + string.Concat(Enumerable.Repeat("]", 500));
        Assert.Contains("nesting", Refused("a: " + deep + "\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_comments_and_flow_style_When_parsed_Then_accepted()
    {
        var doc = Ok("# yaml-language-server: $schema=../schemas/x.json\nb: {c: [1, 2]} # trailing\n");
        Assert.Equal("""{"b":{"c":[1,2]}}""", doc.Root!.ToJsonString());
    }
}
