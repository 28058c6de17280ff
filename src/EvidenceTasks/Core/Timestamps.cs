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

    public static bool TryParse(string? text, out Instant instant)
    {
        instant = default;
        if (text is null || text.Length != 20) return false;
        var result = Pattern.Parse(text);
        if (!result.Success) return false;
        instant = result.Value;
        return true;
    }

    public static Instant Parse(string text) =>
        TryParse(text, out var instant) ? instant : throw new FormatException($"'{text}' is not a UTC timestamp like 2027-01-15T01:00:00Z");

    public static string Format(Instant instant) => Pattern.Format(TruncateToSeconds(instant));

    public static Instant TruncateToSeconds(Instant instant) =>
        Instant.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());
}
