using NodaTime;
using NodaTime.Text;

namespace EvidenceTasks.Core;

/// <summary>
/// The one timestamp form evidence uses: RFC 3339 UTC with <c>Z</c> and whole seconds (<c>2027-01-15T01:00:00Z</c>).
/// One form means one canonical byte sequence, so hashes replay exactly.
/// </summary>
public static class Timestamps
{
    private static readonly InstantPattern Pattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'");

    /// <summary>
    /// Evidence instants lie in [1900-01-01, 9000-01-01): far from the ends of NodaTime's range (years -9998 and 9999),
    /// so rules can add weeks, windows and lookbacks to any accepted instant without overflowing (found by fuzzing: a
    /// handoff week starting 9999-12-27 crashed the week rule). Anything outside is refused where it is read.
    /// </summary>
    public static readonly Instant Earliest = Instant.FromUtc(1900, 1, 1, 0, 0);

    public static readonly Instant Latest = Instant.FromUtc(9000, 1, 1, 0, 0);

    public static bool InRange(Instant instant) => instant >= Earliest && instant < Latest;

    public static bool TryParse(string? text, out Instant instant)
    {
        instant = default;
        if (text is null || text.Length != 20) return false;
        var result = Pattern.Parse(text);
        if (!result.Success || !InRange(result.Value)) return false;
        instant = result.Value;
        return true;
    }

    public static Instant Parse(string text) =>
        TryParse(text, out var instant) ? instant : throw new FormatException($"'{text}' is not a UTC timestamp like 2027-01-15T01:00:00Z");

    public static string Format(Instant instant) => Pattern.Format(TruncateToSeconds(instant));

    public static Instant TruncateToSeconds(Instant instant) =>
        Instant.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());
}
