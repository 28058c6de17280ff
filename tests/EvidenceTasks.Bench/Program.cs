using BenchmarkDotNet.Running;
using EvidenceTasks.Bench;

// dotnet run -c Release --project tests/EvidenceTasks.Bench -- profile-load DIR   (Stopwatch breakdown of loading, per kind and phase)
// dotnet run -c Release --project tests/EvidenceTasks.Bench -- board-allocate [EVENTS]   (whole board + allocate, several runs)
// dotnet run -c Release --project tests/EvidenceTasks.Bench -- schema DIR   (parse + NJsonSchema validation of every structured file)
// dotnet run -c Release --project tests/EvidenceTasks.Bench -- --filter '*'   (BenchmarkDotNet suites)
return args.FirstOrDefault() switch
{
    "profile-load" => LoadProfile.Run(args[1]),
    "board-allocate" => BoardAllocateRuns.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000),
    "schema" => SchemaRuns.Run(args[1]),
    "load" => LoadRuns.Run(args[1]),
    "board-steps" => BoardSteps.Run(1_000_000),
    "cache-decode" => CacheDecodeRuns.Run(args[1]),
    "status" => StatusRuns.Run(args[1]),
    "history-facts" => HistoryFactsRuns.Run(args[1]),
    _ => Bdn(args),
};

static int Bdn(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(LoadProfile).Assembly).Run(args);
    return 0;
}
