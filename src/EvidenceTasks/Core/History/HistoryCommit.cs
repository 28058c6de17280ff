using System.Collections.Immutable;
using NodaTime;

namespace EvidenceTasks.Core.History;

/// <summary>
/// One commit as the history rules see it: plain data, no git types. <see cref="CommitTime"/> is the committer date
/// (when the commit entered the history), <see cref="AuthorTime"/> when its author wrote it.
/// </summary>
public sealed record HistoryCommit(
    string Sha,
    ImmutableArray<string> ParentShas,
    string AuthorName,
    string AuthorEmail,
    Instant AuthorTime,
    Instant CommitTime,
    string Subject)
{
    /// <summary>The abbreviated id used in messages (12 hex digits, as unambiguous as git's default for any real repository).</summary>
    public string Short => Sha.Length > 12 ? Sha[..12] : Sha;

    /// <summary>"<c>0123456789ab</c> (2026-11-20T12:00:00Z)": how messages name a commit.</summary>
    public string Describe() => $"{Short} ({Timestamps.Format(CommitTime)})";
}
