using System.Text;
using CsCheck;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace EvidenceTasks.Tests.Loading;

/// <summary>
/// <see cref="LeafMemoValidator"/> must never change a verdict: on any document, already-accepted values or not, it
/// reports exactly the errors NJsonSchema's own validator reports (kind, path, property), in the same order.
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
                var schema = SchemaSet.BuiltIn.Get(schemaName);
                var expected = Describe(plain.Validate(token, schema));
                Assert.Equal(expected, Describe(memo.Validate(token, schema)));
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
}
