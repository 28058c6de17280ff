using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvidenceTasks.IO;

/// <summary>
/// How the tool writes JSON evidence: members in the order given, 2-space indent, LF, a final newline, non-ASCII kept
/// as is. The same object always gives the same bytes. (Hashes never depend on this layout: they use RFC 8785.)
/// </summary>
public static class EvidenceJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(JsonNode node) => node.ToJsonString(Options) + "\n";

    public static byte[] WriteUtf8(JsonNode node) => Encoding.UTF8.GetBytes(Write(node));
}
