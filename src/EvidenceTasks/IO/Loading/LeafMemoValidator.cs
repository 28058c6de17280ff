using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace EvidenceTasks.IO.Loading;

/// <summary>
/// NJsonSchema's validator, remembering which scalar values a (sub)schema has already accepted. Validating a scalar
/// depends only on the schema, its token type and its value (type, enum, pattern, format, bounds and the combinators
/// over them all read nothing else), yet NJsonSchema allocates a list, a dictionary and a set for every node it visits:
/// about 18 KB per ticket, the largest share of a full gate's allocations. Values repeat a great deal (status, severity,
/// dimension, window and log ids), so an accepted (schema, type, value) answers from here with no errors. Only
/// acceptance is remembered; a value that fails is validated again, so its errors carry their own path and token.
/// Not thread-safe: <see cref="SchemaSet"/> keeps one per thread.
/// </summary>
internal sealed class LeafMemoValidator : JsonSchemaValidator
{
    /// <summary>Bounds the memory: on reaching it the memo starts over (about a megabyte per thread at most).</summary>
    internal const int Capacity = 16_384;

    private readonly HashSet<Key> _accepted = [];

    public LeafMemoValidator()
        : base(new JsonSchemaValidatorSettings())
    {
    }

    /// <summary>How many scalar validations were answered from the memo (for tests and the benchmark).</summary>
    public long Hits { get; private set; }

    protected override ICollection<ValidationError> Validate(JToken token, JsonSchema schema, SchemaType schemaType, string? propertyName, string propertyPath)
    {
        // Text, whole numbers and booleans only: their Equals is exact. (Doubles and decimals are rare in evidence and two
        // of them may be Equal yet print differently, -0 and 0 or 1.0 and 1.00, which an enum compares.)
        if (token is not JValue { Value: { } value } scalar || value is not (string or long or bool))
            return base.Validate(token, schema, schemaType, propertyName, propertyPath);
        var key = new Key(schema, schemaType, scalar.Type, value);
        if (_accepted.Contains(key))
        {
            Hits++;
            return [];
        }
        var errors = base.Validate(token, schema, schemaType, propertyName, propertyPath);
        if (errors.Count == 0)
        {
            if (_accepted.Count >= Capacity) _accepted.Clear();
            _accepted.Add(key);
        }
        return errors;
    }

    /// <summary>The schema by reference (NJsonSchema resolves each subschema to one object); the value by value.</summary>
    private readonly record struct Key(JsonSchema Schema, SchemaType SchemaType, JTokenType Type, object Value)
    {
        public bool Equals(Key other) =>
            ReferenceEquals(Schema, other.Schema) && SchemaType == other.SchemaType && Type == other.Type && Value.Equals(other.Value);

        public override int GetHashCode() =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Schema), SchemaType, Type, Value);
    }
}
