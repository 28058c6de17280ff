using System.Text;
using CsCheck;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace EvidenceTasks.Tests.Loading;

/// <summary>
/// What the loader validates with (<see cref="LeafMemoValidator"/> over <see cref="SchemaSet.Get"/>'s schema) must never
/// change a verdict: on any document, already-accepted values or not, it reports exactly the errors NJsonSchema's own
/// validator reports against the schema as written in schemas/ (kind, path, property), in the same order.
/// </summary>
public class LeafMemoValidatorTests
{
    private static readonly (string Schema, JToken Token)[] Samples = KindSamples.ValidFiles
        .Where(f => EvidenceLayout.Classify(f.Key)?.Layout.Schema is not null)
        .Select(f =>
        {
            var outcome = f.Key.EndsWith(".json", StringComparison.Ordinal)
                ? JsonDocumentParser.Parse(f.Key, Encoding.UTF8.GetBytes(f.Value))
                : YamlDocumentParser.Parse(f.Key, f.Value);
            return (EvidenceLayout.Classify(f.Key)!.Value.Layout.Schema!, SchemaSet.ToJToken(outcome.Document!.Root));
        })
        .ToArray();

    // Values the samples hold (so most replacements stay valid and are remembered) and values that break them.
    private static readonly JValue[] Replacements =
    [
        .. Samples.SelectMany(s => s.Token.SelectTokens("..*").OfType<JValue>()).Select(v => (JValue)v.DeepClone()),
        new(""), new("x"), new("not an id!"), new("T-99"), new("2027-13-45T99:00:00Z"), new(0L), new(-1L), new(8L), new(9999L),
        new(true), new(false), JValue.CreateNull(), new(4.5), new(-0.0), new(1e308),
    ];

    private static string Describe(IEnumerable<ValidationError> errors) =>
        string.Join("\n", errors.Select(e => e is ChildSchemaValidationError c
            ? $"{e.Kind} {e.Path} {e.Property} [{string.Join("; ", c.Errors.Select(kv => Describe(kv.Value)))}]"
            : $"{e.Kind} {e.Path} {e.Property}"));

    [Fact]
    public void Given_documents_with_replaced_values_When_validated_with_and_without_the_memo_Then_the_errors_are_identical()
    {
        Assert.NotEmpty(Samples);
        var memo = new LeafMemoValidator();
        var plain = new JsonSchemaValidator();
        var asWritten = Samples.Select(s => s.Schema).Distinct().ToDictionary(n => n, n => JsonSchema.FromJsonAsync(SchemaSet.ReadEmbedded(n)).GetAwaiter().GetResult());
        int invalid = 0, valid = 0;
        Gen.Select(Gen.Int[0, Samples.Length - 1], Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, Replacements.Length - 1]).Array[0, 4])
            .Sample((sample, replacements) =>
            {
                var (schemaName, original) = Samples[sample];
                var token = original.DeepClone();
                foreach (var (at, with) in replacements)
                {
                    var leaves = token.SelectTokens("..*").OfType<JValue>().ToArray();
                    if (leaves.Length > 0) leaves[at % leaves.Length].Replace(Replacements[with].DeepClone());
                }
                var expected = Describe(plain.Validate(token, asWritten[schemaName]));
                Assert.Equal(expected, Describe(memo.Validate(token, SchemaSet.BuiltIn.Get(schemaName))));
                if (expected.Length > 0) invalid++;
                else valid++;
            }, iter: 4000, threads: 1);
        // Without these the property could pass by never remembering, or by never seeing an error.
        Assert.True(memo.Hits > 10_000, $"only {memo.Hits} answers came from the memo");
        Assert.True(invalid > 500 && valid > 200, $"{invalid} invalid and {valid} valid documents: the generator lost its balance");
    }

    [Fact]
    public void Given_a_value_accepted_once_When_the_same_value_appears_where_it_is_invalid_Then_it_is_still_reported()
    {
        var memo = new LeafMemoValidator();
        var ticket = SchemaSet.BuiltIn.Get("deficiency-ticket");
        var (_, sample) = Samples.Single(s => s.Schema == "deficiency-ticket");
        Assert.Empty(memo.Validate(sample, ticket));
        // "minor" was accepted as a severity; as a rubric_dimension (an integer) it is not, whatever the memo holds.
        var wrong = (JObject)sample.DeepClone();
        wrong["rubric_dimension"] = new JValue(wrong.Value<string>("severity"));
        var errors = memo.Validate(wrong, ticket);
        Assert.Contains(errors, e => e.Kind == ValidationErrorKind.IntegerExpected && e.Path == "#/rubric_dimension");
    }

    [Fact]
    public async Task Given_a_ticket_breaking_its_if_then_else_When_NJsonSchema_validates_it_against_the_schema_as_written_Then_it_finds_nothing()
    {
        // Why SchemaSet may leave the conditions out for NJsonSchema: it does not implement if/then/else, so they never
        // produced an error. If this fails, NJsonSchema learnt them: remove SchemaSet.ForNJsonSchema's stripping.
        var (_, sample) = Samples.Single(s => s.Schema == "deficiency-ticket");
        var resolvedWithoutTime = (JObject)sample.DeepClone();
        resolvedWithoutTime["status"] = "resolved";
        resolvedWithoutTime.Remove("resolved_dt_utc");
        var asWritten = await JsonSchema.FromJsonAsync(SchemaSet.ReadEmbedded("deficiency-ticket"));
        Assert.Contains("\"if\"", SchemaSet.ReadEmbedded("deficiency-ticket"), StringComparison.Ordinal);
        Assert.Empty(new JsonSchemaValidator().Validate(resolvedWithoutTime, asWritten));
    }

    [Fact]
    public void Given_allOf_members_When_prepared_for_NJsonSchema_Then_only_members_it_cannot_check_are_left_out()
    {
        var prepared = System.Text.Json.Nodes.JsonNode.Parse(SchemaSet.ForNJsonSchema("""
            {"type": "object", "allOf": [
              {"if": {"required": ["a"]}, "then": {"required": ["b"]}, "description": "a needs b"},
              {"required": ["c"]},
              {"properties": {"d": {"allOf": [{"else": {}}]}}}
            ]}
            """))!;
        var all = prepared["allOf"]!.AsArray();
        Assert.Equal(2, all.Count);
        Assert.Equal("c", all[0]!["required"]![0]!.GetValue<string>());
        Assert.Null(all[1]!["properties"]!["d"]!["allOf"]);
        Assert.Null(System.Text.Json.Nodes.JsonNode.Parse(SchemaSet.ForNJsonSchema(SchemaSet.ReadEmbedded("deficiency-ticket")))!["allOf"]);
    }
}
