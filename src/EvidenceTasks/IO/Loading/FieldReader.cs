using System.Globalization;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;
using NodaTime;

namespace EvidenceTasks.IO.Loading;

/// <summary>
/// Reads typed fields of one schema-valid record and turns what a schema cannot say (a date that does not exist, an
/// unknown time zone, a field that must be absent in one status) into <c>schema_invalid</c> findings at the field.
/// Never throws: a failed read records a finding and returns a default, and the caller drops the record.
/// </summary>
public sealed class FieldReader(JsonObject obj, Origin origin, List<Finding> findings)
{
    public Origin Origin { get; } = origin;

    public JsonObject Object { get; } = obj;

    public bool Failed { get; private set; }

    public bool Has(string name) => Object.TryGetPropertyValue(name, out var v) && v is not null;

    public string Str(string name) => OptStr(name) ?? Missing<string>(name, string.Empty);

    public string? OptStr(string name)
    {
        if (!Object.TryGetPropertyValue(name, out var v) || v is null) return null;
        if (v is JsonValue jv && jv.TryGetValue<string>(out var s))
        {
            // The schemas' id pattern is checked by a regex engine whose $ accepts a trailing newline; ids are re-checked exactly here.
            if (IsIdField(name) && !EvidenceLayout.IsValidId(s))
                return Fail<string?>(name, $"{name}: '{s.ReplaceLineEndings("\\n")}' is not a valid id", "Use only letters, digits and _ . @ - (starting with a letter or digit, at most 128 characters).", s);
            return s;
        }
        return Wrong<string?>(name, "text", null);
    }

    private static bool IsIdField(string name) =>
        name.EndsWith("_id", StringComparison.Ordinal) || name is "ics_uid" or "rubric_version";

    public int Int(string name)
    {
        if (!Object.TryGetPropertyValue(name, out var v) || v is null) return Missing(name, 0);
        if (v is JsonValue jv && jv.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue) return (int)l;
        return Wrong(name, "a whole number", 0);
    }

    public decimal Dec(string name) => OptDec(name) ?? Missing(name, 0m);

    public decimal? OptDec(string name)
    {
        if (!Object.TryGetPropertyValue(name, out var v) || v is null) return null;
        if (v is JsonValue jv && ToDecimal(jv) is { } d) return d;
        return Wrong<decimal?>(name, "a number", null);
    }

    public static decimal? ToDecimal(JsonValue jv)
    {
        if (jv.TryGetValue<long>(out var l)) return l;
        if (jv.TryGetValue<decimal>(out var m)) return m;
        if (jv.TryGetValue<double>(out var d) && double.IsFinite(d) && Math.Abs(d) < 7.9e28) return (decimal)d;
        return null;
    }

    public bool? OptBool(string name)
    {
        if (!Object.TryGetPropertyValue(name, out var v) || v is null) return null;
        if (v is JsonValue jv && jv.TryGetValue<bool>(out var b)) return b;
        return Wrong<bool?>(name, "true or false", null);
    }

    public Instant Time(string name) => Has(name) ? OptTime(name) ?? default : Missing(name, default(Instant));

    public Instant? OptTime(string name)
    {
        var text = OptStr(name);
        if (text is null) return null;
        if (Timestamps.TryParse(text, out var instant)) return instant;
        return Fail<Instant?>(name, $"{name}: '{text}' is not a real UTC instant between 1900 and 8999", "Write an existing date and time in UTC like 2027-01-15T01:00:00Z.", null);
    }

    /// <summary>An IANA zone id that the bundled tz database knows.</summary>
    public string Zone(string name)
    {
        var tz = Str(name);
        if (tz.Length > 0 && DateTimeZoneProviders.Tzdb.GetZoneOrNull(tz) is null)
            Fail<string>(name, $"{name}: '{tz}' is not an IANA time zone", "Use an IANA zone id such as America/Los_Angeles, Europe/Berlin or Asia/Tokyo.", tz);
        return tz;
    }

    public JsonArray Array(string name) =>
        Object.TryGetPropertyValue(name, out var v) && v is JsonArray a ? a : Missing(name, new JsonArray());

    public IEnumerable<FieldReader> Items(string name)
    {
        var arr = Array(name);
        for (var i = 0; i < arr.Count; i++)
        {
            if (arr[i] is JsonObject o) yield return Child(o, Origin.Item(name, i));
            else Fail<object?>(name, $"{PositionMap.Describe(PositionMap.Child(PositionMap.Child(Origin.Pointer, name), i))}: expected a mapping of fields", "See docs/formats.md.", null);
        }
    }

    public FieldReader Child(JsonObject o, Origin childOrigin)
    {
        var child = new FieldReader(o, childOrigin, findings);
        _children.Add(child);
        return child;
    }

    private readonly List<FieldReader> _children = [];

    public bool AnyFailed => Failed || _children.Any(c => c.AnyFailed);

    /// <summary>A field that must be present exactly when <paramref name="condition"/> holds (the schemas' if/then, which NJsonSchema does not evaluate).</summary>
    public void RequireIff(string field, bool condition, string because)
    {
        var has = Has(field);
        if (condition && !has)
            Fail<object?>(null, $"missing required field '{field}' ({because})", $"Add {field}.", null);
        else if (!condition && has)
            Fail<object?>(field, $"{field} must be absent unless {because}", $"Remove {field}, or change the status.", null);
    }

    public T Fail<T>(string? field, string message, string fix, T fallback)
    {
        Failed = true;
        findings.Add(Finding.Error(BlockReason.SchemaInvalid, field is null ? Origin.Self : Origin.Field(field), message, fix));
        return fallback;
    }

    private T Missing<T>(string name, T fallback) =>
        Fail(null, $"missing required field '{name}'", $"Add {name}; docs/formats.md lists every field.", fallback);

    private T Wrong<T>(string name, string expected, T fallback) =>
        Fail(name, $"{name}: expected {expected}", $"Write {name} as {expected}.", fallback);

    public static string Invariant(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
