using BenchmarkDotNet.Attributes;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Synthesis;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.Bench;

/// <summary>BenchmarkDotNet: the trend board plus the allocator over N in-memory deficiency events.</summary>
[MemoryDiagnoser]
public class BoardAllocateBenchmarks
{
    private EvidenceSet _evidence = EvidenceSet.Empty;
    private AllocatorConfig _config = BoardAllocateRuns.Config();

    [Params(100_000, 1_000_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _evidence = BoardAllocateRuns.InMemory(Events);
        _config = BoardAllocateRuns.Config();
    }

    [Benchmark]
    public string BoardAndAllocate() => BoardAllocateRuns.BoardAndAllocate(_evidence with { }, _config).Board.SnapshotHash;
}

/// <summary>BenchmarkDotNet: parse + schema validation + binding of one file of each large kind (from a synthetic corpus).</summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private readonly Dictionary<string, (string Path, byte[] Bytes)> _samples = [];

    [Params("DeficiencyTicket", "AttendanceReceipt", "MockAuditLog", "RosterSlots")]
    public string Kind { get; set; } = "DeficiencyTicket";

    [GlobalSetup]
    public void Setup()
    {
        var corpus = SyntheticCorpus.Generate(new SynthSize(7, 2, 25, 4, 8));
        foreach (var file in corpus.Files)
        {
            if (EvidenceLayout.Classify(file.Path) is { } c && c.Layout.Schema is not null)
                _samples.TryAdd(c.Layout.Kind.ToString(), (file.Path, EvidenceTasks.IO.Synthesis.SynthWriter.Bytes(file)));
        }
    }

    [Benchmark]
    public int ParseValidateBind()
    {
        var (path, bytes) = _samples[Kind];
        var layout = EvidenceLayout.Classify(path)!.Value.Layout;
        var (file, _) = SourceFileReader.Decode(path, bytes);
        var parsed = layout.Extension == ".json" ? JsonDocumentParser.Parse(path, file!.Bytes) : YamlDocumentParser.Parse(path, file!.Text);
        var findings = new List<Finding>(SchemaSet.BuiltIn.Validate(layout.Schema!, parsed.Document!));
        EvidenceBinder.Bind(layout, parsed.Document!, new EvidenceSetBuilder(), findings);
        return findings.Count;
    }
}
