using EvidenceTasks.Core.Synthesis;
namespace EvidenceTasks.IO.Synthesis;

/// <summary>
/// Writes a <see cref="SynthCorpus"/>: the files into a folder (create-only, atomically) and, when asked, the same files
/// as a git history of N commits (see <see cref="WriteGitHistory"/>).
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

    /// <summary>
    /// Commits the files in order, split into <paramref name="commits"/> nearly equal batches, on branch main, with a fixed
    /// author one minute apart per commit; returns HEAD. History is streamed through <c>git fast-import</c>: building
    /// the commits in LibGit2Sharp's object database writes every tree of every commit as a loose object (the 80,000-entry
    /// deficiencies tree again at each commit), which took 112 s for 10,000 files in 1,000 commits; fast-import keeps the
    /// trees in memory and writes one delta-compressed pack. The index is then read from HEAD so the tree is clean.
    /// </summary>
    public static string WriteGitHistory(string root, SynthCorpus corpus, int commits)
    {
        Git(root, "init", "-q", "-b", "main");
        var import = Start(root, "fast-import", "--quiet", "--done");
        using (var stdin = import.StandardInput.BaseStream)
        {
            var files = corpus.Files;
            for (var c = 0; c < commits; c++)
            {
                var from = (int)((long)files.Length * c / commits);
                var to = (int)((long)files.Length * (c + 1) / commits);
                var seconds = FirstCommitTime.AddMinutes(c).ToUnixTimeSeconds();
                var message = AtomicFile.Utf8.GetBytes($"synth: commit {c + 1} of {commits} ({to - from} files)\n");
                Write(stdin, $"commit refs/heads/main\ncommitter Synth Scribe <synth@studio.example> {seconds} +0000\ndata {message.Length}\n");
                stdin.Write(message);
                for (var i = from; i < to; i++)
                {
                    var bytes = Bytes(files[i]);
                    Write(stdin, $"M 100644 inline {files[i].Path}\ndata {bytes.Length}\n");
                    stdin.Write(bytes);
                    Write(stdin, "\n");
                }
                Write(stdin, "\n");
            }
            Write(stdin, "done\n");
        }
        import.WaitForExit();
        if (import.ExitCode != 0) throw new InvalidOperationException($"git fast-import failed: {import.StandardError.ReadToEnd()}");
        Git(root, "read-tree", "HEAD");
        Git(root, "update-index", "-q", "--refresh");
        return Git(root, "rev-parse", "HEAD").Trim();
    }

    private static void Write(Stream stream, string text) => stream.Write(AtomicFile.Utf8.GetBytes(text));

    private static System.Diagnostics.Process Start(string root, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git")
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        return System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("cannot start git");
    }

    private static string Git(string root, params string[] args)
    {
        using var process = Start(root, args);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error.Trim()}");
        return output;
    }
}
