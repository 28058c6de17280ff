using System.Text.Json.Nodes;
using EvidenceTasks.Core.Hashing;

namespace EvidenceTasks.Core;

/// <summary>Deterministic ids derived from other ids, kept within the id pattern's 128 characters.</summary>
public static class Ids
{
    public const int MaxLength = 128;

    /// <summary><paramref name="prefix"/> + <paramref name="tail"/>; a tail too long is cut and suffixed with 16 hex digits of its SHA-256, so distinct tails stay distinct.</summary>
    public static string Bounded(string prefix, string tail)
    {
        if (prefix.Length + tail.Length <= MaxLength) return prefix + tail;
        var digest = Sha256Hex.Of(System.Text.Encoding.UTF8.GetBytes(tail))[..16];
        return prefix + tail[..(MaxLength - prefix.Length - 17)] + "-" + digest;
    }
}

/// <summary>Builds JSON objects whose members follow a kind's documented order (docs/formats.md), whatever order the input had.</summary>
public static class JsonMembers
{
    /// <summary>A copy of <paramref name="values"/> in <paramref name="order"/>; members not in it follow, ordinally.</summary>
    public static JsonObject Ordered(IEnumerable<KeyValuePair<string, JsonNode?>> values, IReadOnlyList<string> order)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < order.Count; i++) rank[order[i]] = i;
        var o = new JsonObject();
        foreach (var (key, value) in values.OrderBy(p => rank.GetValueOrDefault(p.Key, int.MaxValue)).ThenBy(p => p.Key, StringComparer.Ordinal))
            o[key] = value?.DeepClone();
        return o;
    }

    /// <summary>The members of <paramref name="obj"/> with some replaced, added (value non-null) or removed (value null).</summary>
    public static IEnumerable<KeyValuePair<string, JsonNode?>> With(JsonObject obj, params (string Key, JsonNode? Value)[] changes)
    {
        var values = obj.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            if (value is null) values.Remove(key);
            else values[key] = value;
        }
        return values;
    }
}
