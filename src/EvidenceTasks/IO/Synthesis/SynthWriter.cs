using EvidenceTasks.Core.Synthesis;
using LibGit2Sharp;

namespace EvidenceTasks.IO.Synthesis;

/// <summary>
/// Writes a <see cref="SynthCorpus"/>: the files into a folder (create-only, atomically) and, when asked, the same files
/// as a git history of N commits built straight in the object database (one blob per file, trees from one cumulative
/// <see cref="TreeDefinition"/>, a fixed signature one minute apart per commit), then the index set to the last commit.
/// </summary>
public static class SynthWriter
{
    public static readonly DateTimeOffset FirstCommitTime = new(2019, 1, 7, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Bytes(SynthFile file) =>
        file.Json is { } json ? EvidenceJson.WriteUtf8(json) : AtomicFile.Utf8.GetBytes(file.Text ?? string.Empty);

    public static void WriteFolder(string root, SynthCorpus corpus)
    {
        foreach (var dir in corpus.Files.Select(f => Path.GetDirectoryName(Path.Combine(root, f.Path))!).Distinct())
            Directory.CreateDirectory(dir);
        Parallel.ForEach(corpus.Files, file => AtomicFile.CreateNew(Path.Combine(root, file.Path), Bytes(file)));
    }

    /// <summary>Commits the files in order, split into <paramref name="commits"/> nearly equal batches, on branch main.</summary>
    public static string WriteGitHistory(string root, SynthCorpus corpus, int commits)
    {
        Repository.Init(root);
        using var repo = new Repository(root);
        var odb = repo.ObjectDatabase;
        var tree = new TreeDefinition();
        Commit? parent = null;
        var files = corpus.Files;
        for (var c = 0; c < commits; c++)
        {
            var from = (int)((long)files.Length * c / commits);
            var to = (int)((long)files.Length * (c + 1) / commits);
            for (var i = from; i < to; i++)
            {
                using var stream = new MemoryStream(Bytes(files[i]));
                tree.Add(files[i].Path, odb.CreateBlob(stream), Mode.NonExecutableFile);
            }
            var when = FirstCommitTime.AddMinutes(c);
            var signature = new Signature("Synth Scribe", "synth@studio.example", when);
            var message = $"synth: commit {c + 1} of {commits} ({to - from} files)\n";
            parent = odb.CreateCommit(signature, signature, message, odb.CreateTree(tree), parent is null ? [] : [parent], prettifyMessage: false);
        }
        var main = repo.Refs.Add("refs/heads/main", parent!.Id);
        repo.Refs.UpdateTarget(repo.Refs.Head, main);
        repo.Reset(ResetMode.Mixed, parent);
        return parent.Sha;
    }
}
