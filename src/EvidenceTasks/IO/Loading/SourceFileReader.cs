using System.Text;
using EvidenceTasks.Core;

namespace EvidenceTasks.IO.Loading;

/// <summary>The raw bytes and text of one accepted evidence file.</summary>
public sealed record SourceFile(string Path, byte[] Bytes, string Text);

/// <summary>
/// Reads one evidence file under the repository root, refusing what evidence must never be: symlinks, anything outside the
/// root, files over <see cref="LoadLimits.MaxFileBytes"/>, a byte-order mark, or bytes that are not UTF-8.
/// </summary>
public static class SourceFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (SourceFile? File, Finding? Refusal) Read(string root, string relativePath)
    {
        var at = new SourceLocation(relativePath, 1, 1);
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        var rootFull = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootFull, StringComparison.Ordinal))
            return (null, Finding.Error(BlockReason.FileRejected, at, "path leaves the repository root", "Keep evidence inside the repository."));
        var info = new FileInfo(full);
        if (info.LinkTarget is not null)
            return (null, Finding.Error(BlockReason.FileRejected, at, $"symlink to '{info.LinkTarget}' is not evidence", "Replace the symlink with the file itself."));
        if (info.Length > LoadLimits.MaxFileBytes)
            return (null, Finding.Error(BlockReason.FileRejected, at, $"file is {info.Length} bytes, over the {LoadLimits.MaxFileBytes}-byte limit", "Split the file; one record per file keeps evidence small."));
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (IOException e)
        {
            return (null, Finding.Error(BlockReason.FileRejected, at, $"cannot read the file: {e.Message}", "Check the file's permissions."));
        }
        catch (UnauthorizedAccessException e)
        {
            return (null, Finding.Error(BlockReason.FileRejected, at, $"cannot read the file: {e.Message}", "Check the file's permissions."));
        }
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            return (null, Finding.Error(BlockReason.FileRejected, at, "file starts with a UTF-8 byte-order mark", "Save the file as UTF-8 without BOM."));
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var (line, col) = LineOf(bytes, e.Index);
            return (null, Finding.Error(BlockReason.FileRejected, new SourceLocation(relativePath, line, col), "file is not valid UTF-8", "Save the file as UTF-8."));
        }
        return (new SourceFile(relativePath, bytes, text), null);
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
