using System.Text.Json;
using System.Text.Json.Nodes;
using EvidenceTasks.Core;

namespace EvidenceTasks.IO.Loading;

/// <summary>
/// Strict JSON reader over System.Text.Json's <see cref="Utf8JsonReader"/>: no comments, no trailing commas, no duplicate
/// keys, bounded depth; keeps each node's line and column (in characters, 1-based) for findings.
/// </summary>
public static class JsonDocumentParser
{
    public static ParseOutcome Parse(string path, ReadOnlySpan<byte> utf8)
    {
        if (IsBlank(utf8))
            return Fail(path, TextPosition.Start, "the file is empty", "Write the record as one JSON object; docs/formats.md shows each kind.");
        var lines = new LineIndex(utf8);
        var positions = new Dictionary<string, TextPosition>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = LoadLimits.MaxDepth,
        });
        try
        {
            reader.Read();
            var root = ReadValue(ref reader, string.Empty, lines, positions, utf8);
            // A second top-level value makes Read() throw ("... after a single JSON value"), reported below.
            reader.Read();
            return ParseOutcome.Success(new ParsedDocument(path, root, PositionMap.Own(positions)));
        }
        catch (DuplicateKeyException e)
        {
            return Fail(path, e.Position, $"duplicate key '{e.Key}'", $"Give '{e.Key}' once; keys must be unique in an object.");
        }
        catch (JsonException e)
        {
            var pos = new TextPosition((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            return Fail(path, pos, "JSON syntax: " + message.TrimEnd('.', ' '), "Fix the JSON syntax at this position (commas, quotes, brackets).");
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }

    private static ParseOutcome Fail(string path, TextPosition at, string message, string fix) =>
        ParseOutcome.Failure(Finding.Error(BlockReason.ParseError, SourceLocation.At(path, at), message, fix));

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, string pointer, LineIndex lines, Dictionary<string, TextPosition> positions, ReadOnlySpan<byte> utf8)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var keyAt = lines.At((int)reader.TokenStartIndex, utf8);
                    var key = reader.GetString()!;
                    if (obj.ContainsKey(key)) throw new DuplicateKeyException(key, keyAt);
                    var child = PositionMap.Shared(PositionMap.Child(pointer, key), positions.Count);
                    positions[child] = keyAt;
                    reader.Read();
                    obj[key] = ReadValue(ref reader, child, lines, positions, utf8);
                }
                return obj;
            case JsonTokenType.StartArray:
                var arr = new JsonArray();
                var i = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var child = PositionMap.Shared(PositionMap.Child(pointer, i++), positions.Count);
                    positions[child] = lines.At((int)reader.TokenStartIndex, utf8);
                    arr.Add(ReadValue(ref reader, child, lines, positions, utf8));
                }
                return arr;
            case JsonTokenType.String:
                var s = reader.GetString()!;
                if (s.Length > LoadLimits.MaxScalarChars)
                    throw new JsonException($"a string longer than {LoadLimits.MaxScalarChars} characters", null, reader.TokenStartIndex, null);
                return JsonValue.Create(s);
            case JsonTokenType.Number:
                // Integers stay exact; anything else is the IEEE double RFC 8785 hashes, parsed from the text once.
                if (reader.TryGetInt64(out var l)) return JsonValue.Create(l);
                var d = reader.GetDouble();
                if (!double.IsFinite(d)) throw new JsonException("a number too large for a double");
                return JsonValue.Create(d);
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            case JsonTokenType.Null:
                return null;
            default:
                throw new JsonException($"unexpected token {reader.TokenType}");
        }
    }

    private sealed class DuplicateKeyException(string key, TextPosition position) : Exception(key)
    {
        public string Key { get; } = key;
        public TextPosition Position { get; } = position;
    }

    /// <summary>Maps byte offsets to 1-based line and character column.</summary>
    private sealed class LineIndex
    {
        private readonly List<int> _starts = [0];

        public LineIndex(ReadOnlySpan<byte> utf8)
        {
            for (var i = 0; i < utf8.Length; i++)
                if (utf8[i] == (byte)'\n') _starts.Add(i + 1);
        }

        public TextPosition At(int offset, ReadOnlySpan<byte> utf8)
        {
            var idx = _starts.BinarySearch(offset);
            if (idx < 0) idx = ~idx - 1;
            var col = 1;
            for (var i = _starts[idx]; i < offset; i++)
                if ((utf8[i] & 0xC0) != 0x80) col++; // count characters, not UTF-8 continuation bytes
            return new TextPosition(idx + 1, col);
        }
    }
}
