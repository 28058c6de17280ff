using System.Text;
using EvidenceTasks.Core;

namespace EvidenceTasks.IO.Loading;

/// <summary>The raw bytes and text of one accepted evidence file.</summary>
public sealed record SourceFile(string Path, byte[] Bytes, string Text);

/// <summary>
/// Reads one evidence file from a source, refusing what evidence must never be: a symlink, a file over
/// <see cref="LoadLimits.MaxFileBytes"/>, a byte-order mark, or bytes that are not UTF-8.
/// </summary>
public static class SourceFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (SourceFile? File, Finding? Refusal) Read(IEvidenceSource source, SourceEntry entry)
    {
        var at = new SourceLocation(entry.Path, 1, 1);
        if (entry.Type == SourceEntryType.Symlink)
            return (null, Finding.Error(BlockReason.FileRejected, at, $"symlink to '{entry.LinkTarget}' is not evidence", "Replace the symlink with the file itself."));
        if (entry.Length > LoadLimits.MaxFileBytes)
            return (null, Finding.Error(BlockReason.FileRejected, at, $"file is {entry.Length} bytes, over the {LoadLimits.MaxFileBytes}-byte limit", "Split the file; one record per file keeps evidence small."));
        byte[] bytes;
        try
        {
            bytes = source.Read(entry);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, Finding.Error(BlockReason.FileRejected, at, $"cannot read the file: {e.Message}", "Check the file's permissions."));
        }
        if (bytes.Length > LoadLimits.MaxFileBytes)
            return (null, Finding.Error(BlockReason.FileRejected, at, $"file is {bytes.Length} bytes, over the {LoadLimits.MaxFileBytes}-byte limit", "Split the file; one record per file keeps evidence small."));
        return Decode(entry.Path, bytes);
    }

    public static (SourceFile? File, Finding? Refusal) Decode(string path, byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            return (null, Finding.Error(BlockReason.FileRejected, new SourceLocation(path, 1, 1), "file starts with a UTF-8 byte-order mark", "Save the file as UTF-8 without BOM."));
        try
        {
            return (new SourceFile(path, bytes, StrictUtf8.GetString(bytes)), null);
        }
        catch (DecoderFallbackException e)
        {
            var (line, col) = LineOf(bytes, e.Index);
            return (null, Finding.Error(BlockReason.FileRejected, new SourceLocation(path, line, col), "file is not valid UTF-8", "Save the file as UTF-8."));
        }
    }

    private static (int Line, int Column) LineOf(byte[] bytes, int index)
    {
        var line = 1;
        var col = 1;
        for (var i = 0; i < Math.Min(index, bytes.Length); i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                col = 1;
            }
            else if ((bytes[i] & 0xC0) != 0x80)
            {
                col++;
            }
        }
        return (line, col);
    }
}
