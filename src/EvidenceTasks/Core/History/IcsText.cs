using System.Globalization;

namespace EvidenceTasks.Core.History;

/// <summary>
/// The two properties of an exported ICS hold the history rules need, read from its text (RFC 5545 content lines,
/// unfolded): <c>UID</c> and <c>SEQUENCE</c> (0 when absent, as RFC 5545 §3.8.7.4 defines).
/// </summary>
public static class IcsText
{
    /// <summary>The value of the first UID property, or null when there is none.</summary>
    public static string? Uid(string content) => Property(content, "UID")?.Value;

    /// <summary>The 1-based line of the first UID property (1 when there is none).</summary>
    public static int UidLine(string content) => Property(content, "UID")?.Line ?? 1;

    /// <summary>The first SEQUENCE property; 0 when absent, null when present but not a non-negative integer.</summary>
    public static int? Sequence(string content)
    {
        if (Property(content, "SEQUENCE") is not { } p) return 0;
        return int.TryParse(p.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static (string Value, int Line)? Property(string content, string name)
    {
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var head = line[..colon];
            var semicolon = head.IndexOf(';', StringComparison.Ordinal);
            var propName = semicolon < 0 ? head : head[..semicolon];
            if (!string.Equals(propName, name, StringComparison.OrdinalIgnoreCase)) continue;
            var value = line[(colon + 1)..];
            // Folded continuation lines start with one space or tab (RFC 5545 §3.1).
            for (var j = i + 1; j < lines.Length && lines[j].Length > 0 && lines[j][0] is ' ' or '\t'; j++) value += lines[j][1..];
            return (value.Trim(), i + 1);
        }
        return null;
    }
}
