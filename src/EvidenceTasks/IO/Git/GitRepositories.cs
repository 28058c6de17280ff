using LibGit2Sharp;

namespace EvidenceTasks.IO.Git;

/// <summary>Every git repository the tool reads is opened here, so libgit2 is set up the same way whichever comes first.</summary>
internal static class GitRepositories
{
    // libgit2 re-hashes every object it reads; git itself does not (`git fsck` checks objects). The history re-reads large
    // folder trees at thousands of commits, and the re-hash was a quarter of replay's time. A damaged object still fails
    // zlib's own check on inflating and ends as one "repository could not be read" line (exit code 4).
    static GitRepositories() => GlobalSettings.SetStrictHashVerification(false);

    public static Repository Open(string path) => new(path);
}
