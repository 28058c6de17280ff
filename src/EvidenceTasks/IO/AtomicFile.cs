using System.Runtime.InteropServices;
using System.Text;

namespace EvidenceTasks.IO;

/// <summary>What a write did; re-running a command on unchanged input must report <see cref="Unchanged"/>.</summary>
public enum WriteOutcome
{
    Created,
    Updated,
    Unchanged,
    AlreadyExists,
}

/// <summary>
/// Every file the tool writes goes through here: content is written to a temporary file in the target's folder, flushed,
/// and renamed into place, so a reader (or a crash) sees the old file or the new one, never a torn one.
/// </summary>
public static class AtomicFile
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> unless the file already holds exactly these bytes (then nothing is touched).</summary>
    public static WriteOutcome WriteIfChanged(string path, string content) => WriteIfChanged(path, Utf8.GetBytes(content));

    public static WriteOutcome WriteIfChanged(string path, byte[] content)
    {
        var existed = File.Exists(path);
        if (existed && File.ReadAllBytes(path).AsSpan().SequenceEqual(content)) return WriteOutcome.Unchanged;
        var temp = WriteTemp(path, content);
        File.Move(temp, path, overwrite: true);
        return existed ? WriteOutcome.Updated : WriteOutcome.Created;
    }

    /// <summary>
    /// Creates the file only if it does not exist, atomically: two processes racing get one <see cref="WriteOutcome.Created"/>
    /// and one <see cref="WriteOutcome.AlreadyExists"/>, and an authored file is never overwritten.
    /// </summary>
    public static WriteOutcome CreateNew(string path, string content) => CreateNew(path, Utf8.GetBytes(content));

    public static WriteOutcome CreateNew(string path, byte[] content)
    {
        if (File.Exists(path)) return WriteOutcome.AlreadyExists;
        var temp = WriteTemp(path, content);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                try
                {
                    File.Move(temp, path, overwrite: false);
                }
                catch (IOException) when (File.Exists(path))
                {
                    return WriteOutcome.AlreadyExists;
                }
                return WriteOutcome.Created;
            }
            // link(2) fails with EEXIST if the target exists: the existence check and the publish are one step.
            if (Link(temp, path) == 0) return WriteOutcome.Created;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == 17) return WriteOutcome.AlreadyExists; // EEXIST
            throw new IOException($"cannot create '{path}' (errno {errno})");
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with what <paramref name="write"/> writes, atomically, without holding it in memory
    /// first (a load cache is tens of megabytes). If <paramref name="write"/> throws, the old file stays and nothing is left.
    /// </summary>
    public static void Replace(string path, Action<Stream> write)
    {
        var temp = WriteTemp(path, write);
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static string WriteTemp(string path, byte[] content) => WriteTemp(path, stream => stream.Write(content));

    private static string WriteTemp(string path, Action<Stream> write)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():n}.tmp");
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        return temp;
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string oldPath, string newPath);
}
