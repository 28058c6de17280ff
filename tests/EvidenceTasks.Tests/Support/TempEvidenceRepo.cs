using System.Text;
using LibGit2Sharp;

namespace EvidenceTasks.Tests.Support;

/// <summary>
/// A real folder (and, on request, a real git repository) under the temp directory, removed on dispose.
/// Commits use a fixed signature and date so object ids are the same on every run (as Nerdbank.GitVersioning's tests do).
/// </summary>
public sealed class TempEvidenceRepo : IDisposable
{
    public static readonly DateTimeOffset FixedDate = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public TempEvidenceRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "evidence-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>A copy of the repository's own bundled evidence (governance/, roster/, evidence/).</summary>
    public static TempEvidenceRepo WithBundledEvidence()
    {
        var repo = new TempEvidenceRepo();
        foreach (var top in new[] { "governance", "roster", "evidence" })
            CopyDirectory(Path.Combine(RepositoryRoot, top), Path.Combine(repo.Root, top));
        return repo;
    }

    /// <summary>The EvidenceTasks checkout the tests run from (found by walking up to the solution file).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EvidenceTasks.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("EvidenceTasks.slnx not found above the test binaries");
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public TempEvidenceRepo Write(string relative, string content) => WriteBytes(relative, Encoding.UTF8.GetBytes(content));

    public TempEvidenceRepo WriteBytes(string relative, byte[] content)
    {
        var full = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return this;
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Rewrites a file by replacing one exact piece of text, failing loudly if the text is not there.</summary>
    public TempEvidenceRepo Replace(string relative, string oldText, string newText)
    {
        var text = Read(relative);
        if (!text.Contains(oldText, StringComparison.Ordinal))
            throw new InvalidOperationException($"'{oldText}' not found in {relative}");
        return Write(relative, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public TempEvidenceRepo Delete(string relative)
    {
        File.Delete(PathOf(relative));
        return this;
    }

    public Repository InitGit()
    {
        Repository.Init(Root);
        return new Repository(Root);
    }

    public static Signature Signer(DateTimeOffset? when = null) => new("Evidence Test", "test@studio.example", when ?? FixedDate);

    /// <summary>Stages everything and commits with a fixed signature.</summary>
    public Commit Commit(Repository repo, string message, DateTimeOffset? when = null)
    {
        Commands.Stage(repo, "*");
        var sig = Signer(when);
        return repo.Commit(message, sig, sig, new CommitOptions { AllowEmptyCommit = true });
    }

    private static void CopyDirectory(string from, string to)
    {
        if (!Directory.Exists(from)) return;
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    public void Dispose()
    {
        try
        {
            foreach (var f in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)) File.SetAttributes(f, FileAttributes.Normal);
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }
}
