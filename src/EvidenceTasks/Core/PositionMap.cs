using System.Text;

namespace EvidenceTasks.Core;

/// <summary>
/// Where each node of a parsed document sits in its file, keyed by RFC 6901 JSON pointer.
/// A mapping entry is recorded at its key (so "unknown field" and "wrong value" both point at the line a scribe reads);
/// a sequence item at its first character. Lookups fall back to the nearest recorded ancestor.
/// </summary>
public sealed class PositionMap
{
    // A plain copy, not a FrozenDictionary: every loaded file has its own small map, read a few times at most, and
    // freezing ~100,000 of them cost more than all the lookups they ever serve.
    private Dictionary<string, TextPosition>? _positions;
    private readonly Func<Dictionary<string, TextPosition>>? _deferred;

    public PositionMap(IReadOnlyDictionary<string, TextPosition> positions) =>
        _positions = new Dictionary<string, TextPosition>(positions, StringComparer.Ordinal);

    private PositionMap(Dictionary<string, TextPosition> positions, bool _) => _positions = positions;

    private PositionMap(Func<Dictionary<string, TextPosition>> deferred) => _deferred = deferred;

    /// <summary>Takes <paramref name="positions"/> as it is, without a copy: for a parser that built it for this map alone.</summary>
    internal static PositionMap Own(Dictionary<string, TextPosition> positions) =>
        positions.Comparer == StringComparer.Ordinal ? new PositionMap(positions, true) : new PositionMap(positions);

    /// <summary>
    /// A map made by <paramref name="positions"/> when it is first read (once; a race makes it twice and keeps one):
    /// for a cache that restores 100,000 files' maps of which a run reads a handful.
    /// </summary>
    internal static PositionMap Deferred(Func<Dictionary<string, TextPosition>> positions) => new(positions);

    private Dictionary<string, TextPosition> Positions => Volatile.Read(ref _positions) ?? Make();

    private Dictionary<string, TextPosition> Make()
    {
        var made = _deferred!();
        return Interlocked.CompareExchange(ref _positions, made, null) ?? made;
    }

    /// <summary>
    /// The one shared instance of <paramref name="pointer"/>, the <paramref name="pointersBefore"/>-th pointer of its
    /// document. Every ticket has the same dozen field pointers: one string per pointer instead of one per file keeps
    /// about 600 bytes per file out of what the garbage collector promotes while a large repository loads. Only a
    /// document's first <see cref="SharedPerDocument"/> pointers are shared, so one file with a million keys cannot
    /// fill the process's pool (<see cref="PointerPool.Default"/>) for the files after it.
    /// </summary>
    internal static string Shared(string pointer, int pointersBefore) =>
        pointersBefore < SharedPerDocument ? PointerPool.Default.Share(pointer) : pointer;

    internal const int SharedPerDocument = 64;

    public static PositionMap Empty { get; } = new(new Dictionary<string, TextPosition>());

    /// <summary>
    /// The recorded positions in the order they were recorded, which for a parsed file is document order (a map is never
    /// changed once made, and a dictionary nothing was removed from lists its entries in the order they were added).
    /// </summary>
    internal IReadOnlyDictionary<string, TextPosition> Entries => Positions;

    public TextPosition Find(string pointer)
    {
        var positions = Positions;
        var p = pointer;
        while (true)
        {
            if (positions.TryGetValue(p, out var pos)) return pos;
            if (p.Length == 0) return TextPosition.Start;
            var slash = p.LastIndexOf('/');
            p = slash <= 0 ? string.Empty : p[..slash];
        }
    }

    public static string Child(string pointer, string key) => pointer + "/" + Escape(key);

    public static string Child(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Turns a pointer back into the dotted form a scribe reads in messages: <c>slots[0].bindings[2].signer_id</c>.</summary>
    public static string Describe(string pointer)
    {
        if (pointer.Length == 0) return "(document)";
        var sb = new StringBuilder();
        foreach (var raw in pointer[1..].Split('/'))
        {
            var part = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (part.Length > 0 && part.All(char.IsAsciiDigit)) sb.Append('[').Append(part).Append(']');
            else
            {
                if (sb.Length > 0) sb.Append('.');
                sb.Append(part);
            }
        }
        return sb.ToString();
    }
}

/// <summary>Where a domain record came from: its file, its JSON pointer inside that file, and the file's positions.</summary>
public sealed record Origin(string Path, string Pointer, PositionMap Positions)
{
    public SourceLocation Self => SourceLocation.At(Path, Positions.Find(Pointer));

    public SourceLocation Field(string name) => SourceLocation.At(Path, Positions.Find(PositionMap.Child(Pointer, name)));

    public Origin Item(string name, int index) => this with { Pointer = PositionMap.Child(PositionMap.Child(Pointer, name), index) };

    /// <summary>For records built in memory (tests, generators): every location is line 1.</summary>
    public static Origin Synthetic(string path) => new(path, string.Empty, PositionMap.Empty);
}

/// <summary>Equal strings as one instance, up to a bound: past it, strings are returned as they are (nothing else changes).</summary>
internal sealed class PointerPool(int capacity)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _shared = new(StringComparer.Ordinal);
    private int _count;

    public static PointerPool Default { get; } = new(65_536);

    public string Share(string value)
    {
        if (_shared.TryGetValue(value, out var shared)) return shared;
        if (Volatile.Read(ref _count) >= capacity) return value;
        shared = _shared.GetOrAdd(value, value);
        if (ReferenceEquals(shared, value)) Interlocked.Increment(ref _count);
        return shared;
    }
}
