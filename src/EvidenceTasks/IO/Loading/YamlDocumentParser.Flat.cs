using System.Buffers;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;

namespace EvidenceTasks.IO.Loading;

public static partial class YamlDocumentParser
{
    private static readonly SearchValues<char> KeyChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    // Characters that mean the same inside a block plain scalar wherever they stand (after a letter or digit): no '#',
    // no tab, no quotes or brackets, nothing outside ASCII. ':' is allowed only when not followed by a space or the end.
    private static readonly SearchValues<char> PlainChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._:/@+,;()=%-");

    /// <summary>
    /// A fast reader for the commonest evidence file: a flat mapping of <c>key: value</c> lines at column 1, with
    /// whole-line comments and blank lines (a deficiency ticket, a handoff week). It takes only lines whose meaning is
    /// unambiguous (a simple key, one space, a plain value that starts with a letter or digit and uses a small ASCII
    /// set) and returns null for anything else, which then goes through YamlDotNet (<see cref="ParseFull"/>), so every
    /// error and every unusual form is still judged by the full parser. A differential test holds the two to the same
    /// tree and positions. It exists because YamlDotNet's scanner cost ~25 µs and ~30 KB per ticket: most of a gate.
    /// </summary>
    internal static ParsedDocument? TryParseFlat(string path, string text)
    {
        if (text.Contains('\r')) return null;
        var root = new JsonObject();
        var positions = new Dictionary<string, TextPosition>(StringComparer.Ordinal);
        var line = 0;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            line++;
            var content = text.AsSpan(range.Start.Value, range.End.Value - range.Start.Value);
            if (content.IsEmpty || content[0] == '#') continue;
            var colon = content.IndexOf(": ");
            if (colon <= 0 || content[..colon].ContainsAnyExcept(KeyChars)) return null;
            var value = content[(colon + 2)..];
            if (!IsSafePlain(value)) return null;
            var key = content[..colon].ToString();
            if (root.ContainsKey(key) || root.Count >= LoadLimits.MaxNodes - 1) return null;
            positions[PositionMap.Shared(PositionMap.Child(string.Empty, key), positions.Count)] = new TextPosition(line, 1);
            root[key] = TypePlain(value.ToString());
        }
        // No field at all (only comments): the full parser says why.
        return root.Count == 0 ? null : new ParsedDocument(path, root, PositionMap.Own(positions));
    }

    private static bool IsSafePlain(ReadOnlySpan<char> value) =>
        value.Length is > 0 and <= LoadLimits.MaxScalarChars
        && char.IsAsciiLetterOrDigit(value[0])
        && value[^1] is not (' ' or ':')
        && !value.ContainsAnyExcept(PlainChars)
        && !value.Contains(": ", StringComparison.Ordinal);
}
