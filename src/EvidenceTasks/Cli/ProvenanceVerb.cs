using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EvidenceTasks.Core;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.History;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.Cli;

/// <summary><c>provenance PATH</c>: the commit, author and time that introduced a piece of evidence, and every later change.</summary>
public static class ProvenanceVerb
{
    public static Command Build(CliContext ctx)
    {
        var path = new Argument<string>("path") { Description = "Evidence file, relative to the repository root (or to the current directory inside it)." };
        var root = CommonOptions.Root();
        var format = CommonOptions.Format("text", "json");
        var command = new Command("provenance", "Who introduced a piece of evidence, when, and every later change (history of HEAD).") { path, root, format };
        command.SetAction(parse =>
        {
            var dir = CommonOptions.ResolveRoot(ctx, parse.GetValue(root));
            var relative = RepositoryPath(ctx, dir, parse.GetValue(path)!);
            using var history = GitEvidenceHistory.Open(dir)
                ?? throw new UsageException($"provenance needs a git repository, but '{dir}' is not the working tree of one");
            if (history.Head is not { } head) throw new UsageException($"'{dir}' has no commits");
            if (EvidenceLayout.Roots.All(r => !relative.StartsWith(r + "/", StringComparison.Ordinal)))
                throw new UsageException($"'{relative}' is not under governance/, roster/ or evidence/");
            var events = ProvenanceTracer.Trace(history, head, relative);
            if (events.Count == 0)
            {
                ctx.Error.WriteLine($"provenance: {relative} was never committed in the history of HEAD {head.Short} (fix: check the path; it is relative to the repository root)");
                return ExitCodes.Blocked;
            }
            if (history.IsShallow)
                ctx.Error.WriteLine("provenance: this clone is shallow; the first commit shown may not be the one that introduced the file (git fetch --unshallow)");
            ctx.Out.Write(parse.GetValue(format) == "json" ? Json(relative, events) : Text(relative, events));
            return ExitCodes.Clean;
        });
        return command;
    }

    private static string RepositoryPath(CliContext ctx, string root, string path)
    {
        // A NUL or another control character is never part of an evidence path (and GetFullPath throws on NUL).
        if (path.Length == 0 || path.Any(char.IsControl))
            throw new UsageException($"'{path.ReplaceLineEndings(" ").Replace('\0', ' ')}' is not a repository path");
        var full = Path.GetFullPath(path, ctx.WorkingDirectory);
        var rootWithSlash = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        if (full.StartsWith(rootWithSlash, StringComparison.Ordinal)) return full[rootWithSlash.Length..].Replace('\\', '/');
        if (!Path.IsPathRooted(path) && !path.Replace('\\', '/').Split('/').Contains(".."))
            return path.Replace('\\', '/').TrimStart('/');
        throw new UsageException($"'{path}' is outside the repository '{root}'");
    }

    public static string Text(string path, IReadOnlyList<PathEvent> events)
    {
        var sb = new StringBuilder();
        sb.Append(path).Append('\n');
        foreach (var e in events)
        {
            var c = e.Commit;
            sb.Append(Verb(e.Type).PadRight(9)).Append(c.Short).Append(' ').Append(Timestamps.Format(c.AuthorTime))
              .Append(' ').Append(c.AuthorName).Append(" <").Append(c.AuthorEmail).Append("> ").Append(c.Subject).Append('\n');
        }
        return sb.ToString();
    }

    private static string Verb(Core.History.PathChangeType type) => type switch
    {
        Core.History.PathChangeType.Added => "added",
        Core.History.PathChangeType.Deleted => "deleted",
        _ => "modified",
    };

    public static string Json(string path, IReadOnlyList<PathEvent> events)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("path", path);
            w.WriteStartArray("changes");
            foreach (var e in events)
            {
                w.WriteStartObject();
                w.WriteString("change", Verb(e.Type));
                w.WriteString("commit", e.Commit.Sha);
                w.WriteString("author", e.Commit.AuthorName);
                w.WriteString("author_email", e.Commit.AuthorEmail);
                w.WriteString("author_utc", Timestamps.Format(e.Commit.AuthorTime));
                w.WriteString("committed_utc", Timestamps.Format(e.Commit.CommitTime));
                w.WriteString("subject", e.Commit.Subject);
                if (e.Blob is not null) w.WriteString("blob", e.Blob);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
