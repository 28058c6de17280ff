namespace EvidenceTasks.IO;

/// <summary>A write (or read before a write) that would leave the repository root or go through a symlink inside it.</summary>
public sealed class UnsafePathException(string relativePath, string message) : IOException(message)
{
    /// <summary>The offending path, relative to the root, forward slashes.</summary>
    public string RelativePath { get; } = relativePath;
}

/// <summary>
/// The one way a verb turns a repository-relative path into a file to write: the result is inside the root, and no
/// existing folder or file between the root and it is a symlink (the loader refuses symlinked evidence; this makes sure
/// a writer never follows one either, e.g. a symlinked <c>evidence/manifests</c> pointing outside the repository).
/// The root itself may be reached through a symlink (a temp folder often is).
/// </summary>
public static class ContainedPath
{
    public static string Resolve(string root, string relativePath)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (relativePath.Length == 0 || relativePath.Any(char.IsControl) || Path.IsPathRooted(relativePath))
            throw new UnsafePathException(relativePath, $"'{relativePath}' is not a path inside the repository");
        var full = Path.GetFullPath(Path.Combine(fullRoot, relativePath.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UnsafePathException(relativePath, $"'{relativePath}' leaves the repository root");
        var current = fullRoot;
        foreach (var part in Path.GetRelativePath(fullRoot, full).Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.Exists || Directory.Exists(current))
            {
                if (info.LinkTarget is not null || new DirectoryInfo(current).LinkTarget is not null)
                    throw new UnsafePathException(Path.GetRelativePath(fullRoot, current).Replace('\\', '/'),
                        $"is a symlink to '{info.LinkTarget ?? new DirectoryInfo(current).LinkTarget}'; the tool never writes through a symlink");
            }
            else break; // nothing below a missing component exists yet
        }
        return full;
    }
}
