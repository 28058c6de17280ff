using EvidenceTasks.Core;
using EvidenceTasks.Tests.Support;
using Xunit.Abstractions;

namespace EvidenceTasks.Tests.Hostile;

/// <summary>What every fuzz test shares: one mutated file in place, the failing input kept, findings checked, counts printed.</summary>
internal static class FuzzHarness
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, runs <paramref name="check"/>, and always restores the original; a failure keeps the input under the temp folder.</summary>
    public static void WithMutated(TempEvidenceRepo repo, string path, byte[] bytes, byte[] original, string kind, Action check)
    {
        repo.WriteBytes(path, bytes);
        try
        {
            check();
        }
        catch (Exception e)
        {
            var saved = Path.Combine(Path.GetTempPath(), "evidence-fuzz-failures", kind + "-" + Path.GetFileName(path));
            Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
            File.WriteAllBytes(saved, bytes);
            throw new InvalidOperationException($"{kind} over a mutated {path} failed (input saved to {saved}; keep it as a regression case, docs/security.md)", e);
        }
        finally
        {
            repo.WriteBytes(path, original);
        }
    }

    /// <summary>Every finding names a file, a 1-based line and column, a message and a fix.</summary>
    public static void CheckLocated(IEnumerable<Finding> findings)
    {
        foreach (var f in findings)
        {
            if (f.Location.Line < 1 || f.Location.Column < 1 || string.IsNullOrEmpty(f.Location.Path) || string.IsNullOrEmpty(f.Message) || string.IsNullOrEmpty(f.Fix))
                throw new InvalidOperationException($"finding without a usable location: {f}");
        }
    }

    /// <summary>The count line, in the test's output and on the console.</summary>
    public static void Report(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
