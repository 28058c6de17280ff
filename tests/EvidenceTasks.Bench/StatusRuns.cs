using System.Diagnostics;
using System.Globalization;
using EvidenceTasks.IO.Git;
using LibGit2Sharp;

namespace EvidenceTasks.Bench;

/// <summary>libgit2's status over a working tree with the options the gate uses, and variants of them, each timed.</summary>
public static class StatusRuns
{
    public static int Run(string root)
    {
        static StatusOptions Gate() => GitEvidenceHistory.WorkingTreeStatus();
        var variants = new (string Name, Func<StatusOptions> Options)[]
        {
            ("gate's options", Gate),
            ("no pathspec", () => { var o = Gate(); o.PathSpec = null; return o; }),
            ("workdir only", () => { var o = Gate(); o.Show = StatusShowOption.WorkDirOnly; return o; }),
            ("index only", () => { var o = Gate(); o.Show = StatusShowOption.IndexOnly; return o; }),
            ("no ignored", () => { var o = Gate(); o.IncludeIgnored = false; o.RecurseIgnoredDirs = false; return o; }),
            ("no untracked", () => { var o = Gate(); o.IncludeUntracked = false; o.RecurseUntrackedDirs = false; o.IncludeIgnored = false; o.RecurseIgnoredDirs = false; return o; }),
        };
        for (var run = 0; run < 3; run++)
        {
            foreach (var (name, options) in variants)
            {
                using var repo = new Repository(root);
                var watch = Stopwatch.StartNew();
                var changed = repo.RetrieveStatus(options()).Count(e => e.State != FileStatus.Unaltered);
                var status = watch.Elapsed;
                watch.Restart();
                var entries = repo.Index.Count(e => e.StageLevel == StageLevel.Staged);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-16} {status.TotalMilliseconds,7:0} ms status ({changed} changed), {watch.Elapsed.TotalMilliseconds,5:0} ms index listing ({entries})"));
            }
        }
        return 0;
    }
}
