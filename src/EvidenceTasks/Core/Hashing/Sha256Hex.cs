using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace EvidenceTasks.Core.Hashing;

/// <summary>Lowercase hex SHA-256, the only digest form evidence records.</summary>
public static class Sha256Hex
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>SHA-256 over the RFC 8785 canonical form of <paramref name="node"/>.</summary>
    public static string OfCanonical(JsonNode? node) => Of(Jcs.CanonicalUtf8(node));

    /// <summary>SHA-256 over the canonical form of <paramref name="obj"/> with one member left out (the member that records the hash itself).</summary>
    public static string OfCanonicalWithout(JsonObject obj, string member)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key != member) copy[key] = value?.DeepClone();
        }
        return OfCanonical(copy);
    }
}
