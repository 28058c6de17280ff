using System.Collections.Immutable;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO.Loading;
using NodaTime;

namespace EvidenceTasks.Tests.Support;

/// <summary>Runs gate rules over a real folder, and finds the line a finding must point at.</summary>
public static class RuleHarness
{
    public static readonly Instant AsOf = Instant.FromUtc(2027, 1, 1, 0, 0, 0);

    /// <summary>The findings of <paramref name="rule"/> alone over the files of <paramref name="repo"/> (the files must load).</summary>
    public static ImmutableArray<Finding> Run(TempEvidenceRepo repo, IGateRule rule, bool requireClean = true)
    {
        var loaded = EvidenceLoader.Default.Load(repo.Root);
        if (requireClean) Assert.Empty(loaded.Findings);
        return EvidenceTasks.Core.Gate.Evaluate(loaded.Evidence, [], AsOf, [rule]).Findings;
    }

    /// <summary>The full gate's blocking findings over <paramref name="repo"/>, load findings included.</summary>
    public static ImmutableArray<Finding> GateErrors(TempEvidenceRepo repo)
    {
        var loaded = EvidenceLoader.Default.Load(repo.Root);
        return EvidenceTasks.Core.Gate.Evaluate(loaded.Evidence, loaded.Findings, AsOf).Findings.Where(f => f.Blocks).ToImmutableArray();
    }

    /// <summary>1-based line of the first line of <paramref name="relative"/> containing <paramref name="text"/>.</summary>
    public static int LineOf(TempEvidenceRepo repo, string relative, string text, int occurrence = 1)
    {
        var lines = repo.Read(relative).Split('\n');
        var seen = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal) && ++seen == occurrence) return i + 1;
        }
        throw new InvalidOperationException($"'{text}' not found {occurrence} time(s) in {relative}");
    }

    /// <summary>Asserts exactly one finding, with this reason, file and line, and returns it.</summary>
    public static Finding Single(IEnumerable<Finding> findings, BlockReason reason, string path, int line)
    {
        var list = findings.ToList();
        var f = Assert.Single(list);
        Assert.Equal(reason.Id, f.Reason.Id);
        Assert.Equal(path, f.Location.Path);
        Assert.Equal(line, f.Location.Line);
        return f;
    }

    /// <summary>Replaces the first occurrence of <paramref name="oldText"/> after <paramref name="anchor"/> (to edit one slot of a roster file).</summary>
    public static TempEvidenceRepo ReplaceAfter(this TempEvidenceRepo repo, string relative, string anchor, string oldText, string newText)
    {
        var text = repo.Read(relative);
        var start = text.IndexOf(anchor, StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"'{anchor}' not found in {relative}");
        var at = text.IndexOf(oldText, start, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"'{oldText}' not found after '{anchor}' in {relative}");
        return repo.Write(relative, text[..at] + newText + text[(at + oldText.Length)..]);
    }
}
