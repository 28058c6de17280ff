using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace EvidenceTasks.IO.Loading;

/// <summary>
/// The JSON Schemas built into the tool (an embedded copy of <c>schemas/</c>): the gate judges with these, never with the
/// copy in the repository it checks, so a pull request cannot loosen its own schema.
/// </summary>
public sealed class SchemaSet
{
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public static SchemaSet BuiltIn { get; } = new();

    // Building a validator sets up its format checkers, which cost as much as validating a small file, and its memo of
    // accepted values pays off across files; one per thread (files load in parallel) instead of one per file.
    [ThreadStatic]
    private static LeafMemoValidator? _validator;

    /// <summary>Names (without <c>.schema.json</c>) of the embedded schemas.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(SchemaSet).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("schemas/", StringComparison.Ordinal) && n.EndsWith(".schema.json", StringComparison.Ordinal))
        .Select(n => n["schemas/".Length..^".schema.json".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static string ReadEmbedded(string name)
    {
        using var stream = typeof(SchemaSet).Assembly.GetManifestResourceStream($"schemas/{name}.schema.json")
            ?? throw new InvalidOperationException($"schema '{name}' is not built in");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public JsonSchema Get(string name) =>
        _schemas.GetOrAdd(name, static n => JsonSchema.FromJsonAsync(ForNJsonSchema(ReadEmbedded(n))).GetAwaiter().GetResult());

    /// <summary>Keywords NJsonSchema 11 does not implement (draft-07's conditionals) or that never constrain a value.</summary>
    internal static readonly FrozenSet<string> NotValidatedByNJsonSchema = FrozenSet.Create(StringComparer.Ordinal, "if", "then", "else", "description", "title", "$comment");

    /// <summary>
    /// The schema text NJsonSchema is given: the schema as written, less each <c>allOf</c> member made only of keywords
    /// NJsonSchema does not check (the ticket's two if/then/else conditions). NJsonSchema would validate the whole
    /// document against each such member and always accept it, at about 6 KB of allocations per ticket; the conditions
    /// themselves are enforced when records are bound (<c>RequireIff</c>), and stay in schemas/ for other validators.
    /// A test pins that NJsonSchema still ignores them: the day it does not, this must go.
    /// </summary>
    internal static string ForNJsonSchema(string schemaJson)
    {
        var root = JsonNode.Parse(schemaJson)!;
        Strip(root);
        return root.ToJsonString();

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["allOf"] is JsonArray all)
                    {
                        foreach (var member in all.Where(m => m is JsonObject mo && mo.All(p => NotValidatedByNJsonSchema.Contains(p.Key))).ToList())
                            all.Remove(member);
                        if (all.Count == 0) o.Remove("allOf");
                    }
                    foreach (var (_, child) in o) Strip(child);
                    break;
                case JsonArray a:
                    foreach (var child in a) Strip(child);
                    break;
            }
        }
    }

    /// <summary>Validates a parsed document; each error becomes a <c>schema_invalid</c> finding at the YAML/JSON position of the offending node.</summary>
    public IReadOnlyList<Finding> Validate(string schemaName, ParsedDocument document)
    {
        var schema = Get(schemaName);
        if (document.Root is not JsonObject)
        {
            // One clear line instead of a type error plus one "missing field" per required field.
            return [Finding.Error(BlockReason.SchemaInvalid, SourceLocation.At(document.Path, TextPosition.Start),
                "expected a mapping of fields at the top of the file", $"Write the record's fields as schemas/{schemaName}.schema.json describes.")];
        }
        var errors = (_validator ??= new LeafMemoValidator()).Validate(ToJToken(document.Root), schema);
        var findings = new List<Finding>();
        foreach (var error in Flatten(errors))
            findings.Add(ToFinding(schemaName, document, error));
        return findings;
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var e in errors)
        {
            if (e is ChildSchemaValidationError child && child.Errors.Count > 0 && e.Kind is ValidationErrorKind.ArrayItemNotValid or ValidationErrorKind.AdditionalItemNotValid or ValidationErrorKind.AdditionalPropertiesNotValid)
            {
                foreach (var inner in Flatten(child.Errors.Values.SelectMany(v => v))) yield return inner;
            }
            else
            {
                yield return e;
            }
        }
    }

    private static Finding ToFinding(string schemaName, ParsedDocument document, ValidationError error)
    {
        var pointer = ToPointer(error.Path);
        var field = PositionMap.Describe(pointer);
        var node = Resolve(document.Root, pointer);
        var value = node is null ? "null" : node.ToJsonString();
        var actual = error.Schema?.ActualSchema;
        var message = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"missing required field '{error.Property}'" + (pointer.Length > 0 && PositionMap.Describe(Parent(pointer)) is var p && p != "(document)" ? $" in {p}" : string.Empty),
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"unknown field '{field}'",
            ValidationErrorKind.NotInEnumeration => $"{field}: {value} is not one of {string.Join(", ", error.Schema?.Enumeration.Select(e => e?.ToString() ?? "null") ?? [])}",
            ValidationErrorKind.PatternMismatch => $"{field}: {value} does not match the expected form",
            ValidationErrorKind.StringExpected => $"{field}: expected text, got {value}",
            ValidationErrorKind.IntegerExpected => $"{field}: expected a whole number, got {value}",
            ValidationErrorKind.NumberExpected => $"{field}: expected a number, got {value}",
            ValidationErrorKind.BooleanExpected => $"{field}: expected true or false, got {value}",
            ValidationErrorKind.ObjectExpected => $"{field}: expected a mapping of fields, got {value}",
            ValidationErrorKind.ArrayExpected => $"{field}: expected a list, got {value}",
            ValidationErrorKind.NullExpected => $"{field}: expected null, got {value}",
            ValidationErrorKind.NumberTooSmall => $"{field}: {value} is below the minimum {error.Schema?.Minimum?.ToString(CultureInfo.InvariantCulture)}",
            ValidationErrorKind.NumberTooBig => $"{field}: {value} is above the maximum {error.Schema?.Maximum?.ToString(CultureInfo.InvariantCulture)}",
            ValidationErrorKind.StringTooShort => $"{field}: {value} is too short",
            ValidationErrorKind.StringTooLong => $"{field}: {value} is too long",
            ValidationErrorKind.TooFewItems => $"{field}: too few items (at least {error.Schema?.MinItems})",
            ValidationErrorKind.TooManyItems => $"{field}: too many items (at most {error.Schema?.MaxItems})",
            ValidationErrorKind.ItemsNotUnique => $"{field}: items must be unique",
            _ => $"{field}: {Humanize(error.Kind.ToString())}",
        };
        var see = $"schemas/{schemaName}.schema.json";
        var fix = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired when actual?.ActualProperties.TryGetValue(error.Property ?? string.Empty, out var prop) == true =>
                $"Add {error.Property}: {Lower(Describe(prop))} ({see})",
            ValidationErrorKind.NotInEnumeration when error.Schema?.ActualSchema.Enumeration is { Count: > 0 } values =>
                $"Write one of: {string.Join(", ", values.Select(v => v?.ToString() ?? "null"))} ({see})",
            ValidationErrorKind.NoAdditionalPropertiesAllowed when actual is not null =>
                $"Remove '{error.Property}' or correct its spelling; the fields here are {string.Join(", ", actual.ActualProperties.Keys)} ({see})",
            _ when error.Schema is { } s && Describe(s) is { Length: > 0 } d => $"{field} is {Lower(d)} ({see})",
            _ => $"See {see} for the fields of this kind.",
        };
        return Finding.Error(BlockReason.SchemaInvalid, SourceLocation.At(document.Path, document.Positions.Find(pointer)), message, fix);
    }

    /// <summary>A property's own description, else the description of the definition it refers to.</summary>
    private static string Describe(JsonSchema s) =>
        (string.IsNullOrEmpty(s.Description) ? s.ActualSchema.Description : s.Description)?.TrimEnd('.') ?? string.Empty;

    private static string Lower(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    private static string Humanize(string kind)
    {
        var sb = new StringBuilder();
        foreach (var c in kind)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append(' ');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private static string Parent(string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        return slash <= 0 ? string.Empty : pointer[..slash];
    }

    /// <summary>NJsonSchema paths look like <c>#/slots[0].bindings[1].panel_role</c>; turn them into JSON pointers.</summary>
    internal static string ToPointer(string? path)
    {
        if (string.IsNullOrEmpty(path)) return string.Empty;
        var p = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        var sb = new StringBuilder();
        var token = new StringBuilder();
        void Flush()
        {
            if (token.Length == 0) return;
            sb.Append('/').Append(PositionMap.Escape(token.ToString()));
            token.Clear();
        }
        foreach (var c in p)
        {
            switch (c)
            {
                case '.':
                    Flush();
                    break;
                case '[':
                    Flush();
                    break;
                case ']':
                    Flush();
                    break;
                default:
                    token.Append(c);
                    break;
            }
        }
        Flush();
        return sb.ToString();
    }

    private static JsonNode? Resolve(JsonNode? root, string pointer)
    {
        var node = root;
        if (pointer.Length == 0) return node;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var key = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(key, out var v) ? v : null,
                JsonArray a when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>NJsonSchema validates Newtonsoft tokens; convert the System.Text.Json tree node by node (no text round trip).</summary>
    internal static JToken ToJToken(JsonNode? node) => node switch
    {
        null => JValue.CreateNull(),
        JsonObject o => new JObject(o.Select(p => new JProperty(p.Key, ToJToken(p.Value)))),
        JsonArray a => new JArray(a.Select(ToJToken)),
        JsonValue v => ToJValue(v),
        _ => throw new ArgumentException(node.GetType().Name),
    };

    private static JValue ToJValue(JsonValue v)
    {
        if (v.TryGetValue<string>(out var s)) return new JValue(s);
        if (v.TryGetValue<bool>(out var b)) return new JValue(b);
        if (v.TryGetValue<long>(out var l)) return new JValue(l);
        if (v.TryGetValue<int>(out var i)) return new JValue(i);
        if (v.TryGetValue<decimal>(out var m)) return new JValue(m);
        if (v.TryGetValue<double>(out var d)) return new JValue(d);
        return new JValue(v.ToJsonString());
    }
}
