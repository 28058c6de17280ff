using System.Diagnostics;
using System.Globalization;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.Bench;

/// <summary>
/// Decoding a persisted load cache (<c>.git/evidence-tasks/load-cache.bin</c>) on one thread, every result kept alive as
/// the gate keeps them: what a warm <c>gate --base</c> pays for the files it does not read.
/// </summary>
public static class CacheDecodeRuns
{
    public static int Run(string cacheFile)
    {
        var open = Stopwatch.StartNew();
        // Any build's file will do: the codec is the same source (the gate itself accepts only its own build's).
        var stored = LoadCacheFile.Parse(File.ReadAllBytes(cacheFile), anyBuild: true)
            ?? throw new InvalidOperationException($"{cacheFile} has another format version");
        var keys = stored.Keys.ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open and index {keys.Length} results: {open.Elapsed.TotalMilliseconds:0} ms"));
        for (var run = 0; run < 3; run++)
        {
            var results = new EvidenceLoader.FileResult?[keys.Length];
            var gen0Before = GC.CollectionCount(0);
            var pauseBefore = GC.GetTotalPauseDuration();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < keys.Length; i++) results[i] = stored.Decode(keys[i]);
            var wall = watch.Elapsed;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"decode {keys.Length} results: {wall.TotalMilliseconds:0} ms ({wall.TotalMicroseconds / keys.Length:0.0} µs each), allocated {allocated / 1048576.0:0} MiB ({allocated / (double)keys.Length:0} B each), GC pause {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:0} ms, gen0 {GC.CollectionCount(0) - gen0Before}"));
            GC.KeepAlive(results);
        }
        return 0;
    }
}
