using System.Collections.Immutable;
using EvidenceTasks.Core.History;
using LibGit2Sharp;

namespace EvidenceTasks.IO.Git;

/// <summary>
/// Every path (not only evidence) that differs between two commits' trees, for the parts of a pull request the evidence
/// loader never sees: schemas, the block-reason registry, the gate's code, the build and the workflow.
/// </summary>
public static class GitPathDiff
{
    public static ImmutableArray<PathChange> Changed(string root, string fromSha, string toSha)
    {
        using var repo = GitRepositories.Open(root);
        var from = repo.Lookup<Commit>(fromSha);
        var to = repo.Lookup<Commit>(toSha);
        if (from is null || to is null) return [];
        return repo.Diff.Compare<TreeChanges>(from.Tree, to.Tree)
            .SelectMany(c => c.Status switch
            {
                ChangeKind.Added or ChangeKind.Copied => [new PathChange(c.Path, PathChangeType.Added)],
                ChangeKind.Deleted => [new PathChange(c.OldPath, PathChangeType.Deleted)],
                ChangeKind.Renamed => [new PathChange(c.OldPath, PathChangeType.Deleted), new PathChange(c.Path, PathChangeType.Added)],
                _ => new[] { new PathChange(c.Path, PathChangeType.Modified) },
            })
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToImmutableArray();
    }
}
