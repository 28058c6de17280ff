using System.Text.Json.Nodes;
using EvidenceTasks.Core.Hashing;

namespace EvidenceTasks.Tests.Core;

public class JcsTests
{
    // RFC 8785 Appendix B: IEEE-754 bit patterns and their canonical text.
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void Given_rfc8785_number_vectors_When_formatted_Then_text_matches(ulong bits, string expected) =>
        Assert.Equal(expected, Jcs.FormatNumber(BitConverter.UInt64BitsToDouble(bits)));

    [Fact]
    public void Given_rfc8785_sample_object_When_canonicalized_Then_members_sorted_and_escapes_minimal()
    {
        // RFC 8785 §3.2.3 sample input; expected output from the RFC.
        var input = JsonNode.Parse("""
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """);
        Assert.Equal(
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}",
            Jcs.Canonicalize(input));
    }

    [Fact]
    public void Given_keys_outside_the_bmp_When_canonicalized_Then_sorted_by_utf16_code_units()
    {
        // RFC 8785 §3.2.3 sorting example: keys compare as UTF-16 code units, not code points.
        var input = new JsonObject
        {
            ["\u20ac"] = "Euro Sign",
            ["\r"] = "Carriage Return",
            ["\ufb33"] = "Hebrew Letter Dalet With Dagesh",
            ["1"] = "One",
            ["\ud83d\ude00"] = "Emoji: Grinning Face",
            ["\u0080"] = "Control",
            ["\u00f6"] = "Latin Small Letter O With Diaeresis",
        };
        var keys = JsonNode.Parse(Jcs.Canonicalize(input))!.AsObject().Select(p => p.Value!.GetValue<string>()).ToArray();
        Assert.Equal(["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"], keys);
    }

    [Fact]
    public void Given_reordered_and_reformatted_json_When_hashed_Then_hash_is_the_same()
    {
        var a = JsonNode.Parse("""{"b": [1, 2.50, "x"], "a": {"z": true, "y": null}}""");
        var b = JsonNode.Parse("{ \"a\" : { \"y\" : null , \"z\" : true } ,\n \"b\" : [ 1 , 2.5 , \"x\" ] }");
        Assert.Equal(Sha256Hex.OfCanonical(a), Sha256Hex.OfCanonical(b));
    }

    [Fact]
    public void Given_an_object_When_hashed_without_its_hash_member_Then_the_member_does_not_matter()
    {
        var sealedObj = JsonNode.Parse("""{"id": "a", "receipt_sha256": "00"}""")!.AsObject();
        var plain = JsonNode.Parse("""{"id": "a"}""");
        Assert.Equal(Sha256Hex.OfCanonical(plain), Sha256Hex.OfCanonicalWithout(sealedObj, "receipt_sha256"));
    }
}
