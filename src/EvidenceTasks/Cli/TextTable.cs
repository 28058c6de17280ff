using System.Text;

namespace EvidenceTasks.Cli;

/// <summary>Left-aligned plain-text columns for terminal output (two spaces between columns, no trailing spaces).</summary>
public static class TextTable
{
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string indent = "")
    {
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var widths = headers.Select((_, i) => all.Max(r => i < r.Count ? r[i].Length : 0)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in all)
        {
            var line = new StringBuilder(indent);
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = i < row.Count ? row[i] : string.Empty;
                line.Append(i == widths.Length - 1 ? cell : cell.PadRight(widths[i] + 2));
            }
            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }
        return sb.ToString();
    }
}
