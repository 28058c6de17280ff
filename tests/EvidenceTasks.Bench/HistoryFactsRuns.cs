using System.Diagnostics;
using System.Globalization;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.History;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.Bench;

/// <summary>
/// The history rules' facts (<see cref="HistoryScanner.Scan"/>) of a repository's HEAD, with a warm load cache as a
/// warm gate has it, and the walk of the ICS holds' folder (<see cref="HistoryIndex"/>) inside it on its own.
/// </summary>
public static class HistoryFactsRuns
{
    public static int Run(string root)
    {
        var cache = new LoadCache();
        for (var run = 0; run < 4; run++)
        {
            using var history = GitEvidenceHistory.Open(root) ?? throw new InvalidOperationException($"{root} is not a git repository");
            var head = history.Head!;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var walked = history.Walk(head);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: walk of {walked.Count} commits {watch.Elapsed.TotalMilliseconds:0} ms ({(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0:0} MiB)"));
            watch.Restart();
            allocated = GC.GetAllocatedBytesForCurrentThread();
            foreach (var commit in walked) history.EvidenceKey(commit);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: evidence keys {watch.Elapsed.TotalMilliseconds:0} ms ({(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0:0} MiB)"));
            watch.Restart();
            allocated = GC.GetAllocatedBytesForCurrentThread();
            var ics = new[] { EvidenceLayout.Of(EvidenceKind.IcsHold).Directory };
            for (var i = 1; i < walked.Count; i++) history.Changes(walked[i - 1], walked[i], ics);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: ics changes of consecutive commits {watch.Elapsed.TotalMilliseconds:0} ms ({(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0:0} MiB)"));
            allocated = GC.GetAllocatedBytesForCurrentThread();
            watch.Restart();
            var index = new HistoryIndex(history, head, only: [EvidenceLayout.Of(EvidenceKind.IcsHold).Directory]);
            var indexTime = watch.Elapsed;
            var indexAllocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            watch.Restart();
            allocated = GC.GetTotalAllocatedBytes();
            var facts = HistoryScanner.Scan(history, head, [], EvidenceLoader.Default, cache);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: index of {index.Commits.Count} commits {indexTime.TotalMilliseconds:0} ms ({indexAllocated / 1048576.0:0} MiB); whole scan (again with its own index) {watch.Elapsed.TotalMilliseconds:0} ms ({(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0:0} MiB), {facts.IcsExports.Length} holds, cache misses so far {cache.Misses}"));
        }
        return 0;
    }
}
