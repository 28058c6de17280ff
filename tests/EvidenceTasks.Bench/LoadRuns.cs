using System.Diagnostics;
using System.Globalization;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.Bench;

/// <summary>The whole loader over a folder, several runs, with the garbage collector's share (pause time, collections).</summary>
public static class LoadRuns
{
    public static int Run(string root)
    {
        for (var run = 0; run < 3; run++)
        {
            var enumerate = Stopwatch.StartNew();
            var listed = new FileSystemSource(root).Enumerate(new List<EvidenceTasks.Core.Finding>()).Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"enumerate {listed} files: {enumerate.Elapsed.TotalMilliseconds:0} ms (one thread; part of the load below)"));
            var pauseBefore = GC.GetTotalPauseDuration();
            var gen2Before = GC.CollectionCount(2);
            var gen0Before = GC.CollectionCount(0);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var loaded = EvidenceLoader.Default.Load(root);
            var wall = watch.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"load {loaded.FileCount} files: {wall.TotalMilliseconds:0} ms wall, {cpu.TotalMilliseconds:0} ms CPU, GC pause {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:0} ms, gen0 {GC.CollectionCount(0) - gen0Before}, gen2 {GC.CollectionCount(2) - gen2Before}, {loaded.Findings.Length} findings"));
            // What the loaded evidence keeps alive is what every garbage collection during the load has to promote.
            var retained = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  allocated {allocated / 1048576.0:0} MiB ({allocated / 1024.0 / loaded.FileCount:0.0} KiB per file), retained after the load {retained / 1048576.0:0} MiB ({retained / 1024.0 / loaded.FileCount:0.0} KiB per file)"));
            GC.KeepAlive(loaded);
        }
        return 0;
    }
}
