using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO.Loading;

namespace EvidenceTasks.Tests.Support;

/// <summary>Runs one gate rule over a real folder (loaded by the real loader, which must find nothing) at an as_of.</summary>
public static class RuleRunner
{
    public static IReadOnlyList<Finding> Run(IGateRule rule, string root, string asOf)
    {
        var loaded = EvidenceLoader.Default.Load(root);
        Assert.Empty(loaded.Findings);
        return Gate.Evaluate(loaded.Evidence, [], Timestamps.Parse(asOf), [rule]).Findings;
    }

    /// <summary>Asserts exactly one finding and that it has this reason, severity, path and line; returns it.</summary>
    public static Finding Single(IReadOnlyList<Finding> findings, BlockReason reason, string path, int line, Severity severity = Severity.Error)
    {
        var f = Assert.Single(findings);
        Assert.Equal((reason.Id, severity, path, line), (f.Reason.Id, f.Severity, f.Location.Path, f.Location.Line));
        return f;
    }
}
