using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EvidenceTasks.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EvidenceTasks.IO.Loading;

/// <summary>
/// Strict YAML reader over YamlDotNet's event parser. Plain scalars are typed by the YAML 1.2 core schema
/// (so <c>no</c> is a string and an unquoted timestamp stays a string); anchors, aliases, explicit tags, duplicate keys,
/// complex keys, tab indentation and more than one document are refused with their position.
/// </summary>
public static partial class YamlDocumentParser
{
    public static ParseOutcome Parse(string path, string text) =>
        TryParseFlat(path, text) is { } flat ? ParseOutcome.Success(flat) : ParseFull(path, text);

    /// <summary>The YamlDotNet path: every document, every error with its position.</summary>
    internal static ParseOutcome ParseFull(string path, string text)
    {
        if (FindTabIndentation(text) is { } tab)
            return Fail(path, tab, "tab used for indentation", "Indent with spaces only; YAML forbids tabs in indentation.");

        var positions = new Dictionary<string, TextPosition>(StringComparer.Ordinal);
        State? state = null;
        try
        {
            var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
                return Fail(path, TextPosition.Start, "the file is empty", "Write the record's fields; docs/formats.md shows each kind.");
            parser.Consume<DocumentStart>();
            state = new State(path, parser, positions);
            var root = state.ReadNode(string.Empty, 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
                return Fail(path, ToPosition(second.Start), "more than one YAML document in the file", "Keep one document per file: remove the `---` separator and split the rest into its own file.");
            return ParseOutcome.Success(new ParsedDocument(path, root, PositionMap.Own(positions)));
        }
        catch (RejectedYamlException e)
        {
            return Fail(path, e.Position, e.Message, e.Fix);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner can fail on some unclosed flow collections without a YamlException (seen in 18.1.0,
            // found by the loader fuzz test); report it after the last value that did parse instead of crashing.
            var at = state?.Last ?? TextPosition.Start;
            return Fail(path, at, "YAML syntax: the document cannot be parsed after this point (an unclosed `{` or `[`?)", "Check that every `[` and `{` is closed and the indentation is consistent.");
        }
        catch (YamlException e)
        {
            return Fail(path, ToPosition(e.Start), Describe(e), "Fix the YAML syntax at this position (quotes, colons, indentation).");
        }
    }

    private static ParseOutcome Fail(string path, TextPosition at, string message, string fix) =>
        ParseOutcome.Failure(Finding.Error(BlockReason.ParseError, SourceLocation.At(path, at), message, fix));

    private static TextPosition ToPosition(Mark mark) => new((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes its messages with the location we already print.
        var m = e.InnerException is YamlException inner ? inner.Message : e.Message;
        m = LocationPrefix().Replace(m, string.Empty).Trim();
        return "YAML syntax: " + char.ToLowerInvariant(m[0]) + m[1..];
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex LocationPrefix();

    private static TextPosition? FindTabIndentation(string text)
    {
        var line = 1;
        var atLineStart = true;
        var col = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                col = 1;
                atLineStart = true;
                continue;
            }
            if (atLineStart)
            {
                if (c == '\t') return new TextPosition(line, col);
                if (c != ' ') atLineStart = false;
            }
            col++;
        }
        return null;
    }

    private sealed class RejectedYamlException(TextPosition position, string message, string fix) : Exception(message)
    {
        public TextPosition Position { get; } = position;
        public string Fix { get; } = fix;
    }

    private sealed class State(string path, IParser parser, Dictionary<string, TextPosition> positions)
    {
        private int _nodes;
        private TextPosition _last = TextPosition.Start;

        /// <summary>Position of the last event read; where to point when the parser gives up.</summary>
        public TextPosition Last => _last;

        /// <summary>
        /// Consumes the closing event if it is next. YamlDotNet can run out of events inside a broken flow collection
        /// without raising a syntax error; that is reported here instead of surfacing as an exception.
        /// </summary>
        private bool NextIs<T>(string what) where T : ParsingEvent
        {
            if (parser.Current is null)
                throw new RejectedYamlException(_last, $"the file ends inside a {what}", "Close every `[` and `{` and check the indentation above.");
            _last = ToPosition(parser.Current.Start);
            return parser.TryConsume<T>(out _);
        }

        public string Path { get; } = path;

        public JsonNode? ReadNode(string pointer, int depth)
        {
            if (depth > LoadLimits.MaxDepth)
                throw new RejectedYamlException(ToPosition(parser.Current!.Start), $"nesting deeper than {LoadLimits.MaxDepth} levels", "Flatten the document; evidence files are at most a few levels deep.");
            if (++_nodes > LoadLimits.MaxNodes)
                throw new RejectedYamlException(ToPosition(parser.Current!.Start), $"more than {LoadLimits.MaxNodes} nodes in one file", "Split the file; evidence files are small.");

            if (parser.TryConsume<AnchorAlias>(out var alias))
                throw new RejectedYamlException(ToPosition(alias.Start), $"alias '*{alias.Value}' is not allowed", "Write the value out in full; anchors and aliases are refused so each record reads as it is.");

            var ev = parser.Current!;
            _last = ToPosition(ev.Start);
            if (ev is NodeEvent node)
            {
                if (!node.Anchor.IsEmpty)
                    throw new RejectedYamlException(ToPosition(node.Start), $"anchor '&{node.Anchor.Value}' is not allowed", "Remove the anchor and write values out in full.");
                if (!node.Tag.IsEmpty)
                    throw new RejectedYamlException(ToPosition(node.Start), $"explicit tag '{node.Tag.Value}' is not allowed", "Remove the tag; a value's type comes from how it is written.");
            }

            switch (ev)
            {
                case Scalar scalar:
                    parser.MoveNext();
                    if (scalar.Value.Length > LoadLimits.MaxScalarChars)
                        throw new RejectedYamlException(ToPosition(scalar.Start), $"a value longer than {LoadLimits.MaxScalarChars} characters", "Shorten the value; long text belongs in a linked document.");
                    return TypeScalar(scalar);
                case MappingStart:
                    parser.MoveNext();
                    var obj = new JsonObject();
                    while (!NextIs<MappingEnd>("mapping"))
                    {
                        if (parser.Current is not Scalar key)
                            throw new RejectedYamlException(ToPosition(parser.Current!.Start), "a mapping key must be a plain value", "Use simple `name: value` keys.");
                        if (!key.Anchor.IsEmpty)
                            throw new RejectedYamlException(ToPosition(key.Start), $"anchor '&{key.Anchor.Value}' is not allowed", "Remove the anchor.");
                        parser.MoveNext();
                        var childPointer = PositionMap.Shared(PositionMap.Child(pointer, key.Value), positions.Count);
                        if (obj.ContainsKey(key.Value))
                            throw new RejectedYamlException(ToPosition(key.Start), $"duplicate key '{key.Value}'", $"Give '{key.Value}' once; YAML keys must be unique in a mapping.");
                        positions[childPointer] = ToPosition(key.Start);
                        obj[key.Value] = ReadNode(childPointer, depth + 1);
                    }
                    return obj;
                case SequenceStart:
                    parser.MoveNext();
                    var arr = new JsonArray();
                    var index = 0;
                    while (!NextIs<SequenceEnd>("list"))
                    {
                        var childPointer = PositionMap.Shared(PositionMap.Child(pointer, index++), positions.Count);
                        positions[childPointer] = ToPosition(parser.Current!.Start);
                        arr.Add(ReadNode(childPointer, depth + 1));
                    }
                    return arr;
                default:
                    throw new RejectedYamlException(ToPosition(ev.Start), $"unexpected YAML event {ev.GetType().Name}", "Check the document structure.");
            }
        }
    }

    /// <summary>YAML 1.2 core schema resolution of a scalar (https://yaml.org/spec/1.2.2/#1032-tag-resolution).</summary>
    internal static JsonNode? TypeScalar(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain ? TypePlain(scalar.Value) : JsonValue.Create(scalar.Value);

    private static JsonNode? TypePlain(string v)
    {
        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN":
                // Core-schema floats with no JSON form; kept as text so the schema reports a type error, not a crash.
                return JsonValue.Create(v);
        }
        if (DecimalInt().IsMatch(v))
        {
            if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
            return JsonValue.Create(double.Parse(v, CultureInfo.InvariantCulture));
        }
        if (OctalInt().IsMatch(v)) return JsonValue.Create(Convert.ToInt64(v[2..], 8));
        if (HexInt().IsMatch(v) && v.Length <= 18) return JsonValue.Create(Convert.ToInt64(v[2..], 16));
        if (Float().IsMatch(v))
        {
            var d = double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture);
            return double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(v);
        }
        return JsonValue.Create(v);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex DecimalInt();

    [GeneratedRegex(@"^0o[0-7]+$")]
    private static partial Regex OctalInt();

    [GeneratedRegex(@"^0x[0-9a-fA-F]+$")]
    private static partial Regex HexInt();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
