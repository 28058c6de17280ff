using System.Collections.Immutable;
using EvidenceTasks.Core.Readbacks;
using LibGit2Sharp;

namespace EvidenceTasks.IO.Git;

/// <summary>What git says about the folder evidence was read from: HEAD's commit and which files differ from it.</summary>
public static class GitWorkingTree
{
    /// <summary>
    /// The repository containing <paramref name="root"/> (found as <c>git</c> does, walking up), its HEAD commit, and
    /// which of <paramref name="paths"/> (relative to <paramref name="root"/>) are not committed there unchanged.
    /// Null when the folder is not inside a git repository or the repository has no commit yet.
    /// </summary>
    public static RepositoryState? Describe(string root, IEnumerable<string> paths)
    {
        var gitDir = Repository.Discover(root);
        if (gitDir is null) return null;
        using var repo = GitRepositories.Open(gitDir);
        if (repo.Head?.Tip is not { } tip || repo.Info.WorkingDirectory is not { } workDir) return null;
        var uncommitted = paths
            .Where(p =>
            {
                var relative = Path.GetRelativePath(workDir, Path.Combine(root, p)).Replace('\\', '/');
                return repo.RetrieveStatus(relative) != FileStatus.Unaltered;
            })
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
        return new RepositoryState(tip.Sha, uncommitted);
    }
}
