using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Rules;
using EvidenceTasks.IO;
using EvidenceTasks.IO.Git;
using EvidenceTasks.IO.History;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;
using LibGit2Sharp;
using Xunit.Abstractions;

namespace EvidenceTasks.Tests.Hostile;

/// <summary>
/// Tamper evidence: every field of every hashed artifact of the bundled evidence (receipts, manifests with their per-slot
/// fields, the sprint budget, the readback) is changed in turn, one at a time: strings, numbers, booleans, the order of
/// arrays whose order is hashed, removal of each member. The gate's recorded-hash rules (<see cref="IRecordedHashRule"/>,
/// plus the loader's own findings) and partner <c>replay</c> over a real git commit of the tampered file must catch
/// every one. Layout changes (key order, whitespace) must change nothing.
/// </summary>
public class TamperMutationTests(ITestOutputHelper output)
{
    private static readonly IRecordedHashRule[] HashRules = GateRules.All.OfType<IRecordedHashRule>().ToArray();

    private static readonly DateTimeOffset CommitTime = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public sealed record Tamper(string Path, string Description, byte[] Bytes);

    private static string[] Artifacts(string root) => Directory.EnumerateFiles(Path.Combine(root, "evidence"), "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
        .Where(Replayer.IsArtifact)
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>A different value of the same kind: the last digit or letter of a string shifted, a number plus one, a boolean negated.</summary>
    private static string Shift(string s)
    {
        for (var i = s.Length - 1; i >= 0; i--)
        {
            var c = s[i];
            char? d = c switch
            {
                >= '0' and < '9' => (char)(c + 1), '9' => '8',
                >= 'a' and < 'f' => (char)(c + 1), 'f' => 'e', // hex stays hex
                >= 'g' and < 'z' => (char)(c + 1), 'z' => 'y',
                >= 'A' and < 'Z' => (char)(c + 1), 'Z' => 'Y',
                _ => null,
            };
            if (d is { } x) return string.Concat(s.AsSpan(0, i), x.ToString(), s.AsSpan(i + 1));
        }
        return s + "x";
    }

    /// <summary>Every one-field change of a JSON artifact, each as the file the tool would write (same layout).</summary>
    private static IEnumerable<Tamper> JsonTampers(string path, string text)
    {
        var count = 0;
        void Count(JsonNode? node)
        {
            count++;
            if (node is JsonObject o) foreach (var kv in o) Count(kv.Value);
            if (node is JsonArray a) foreach (var item in a) Count(item);
        }
        var probe = JsonNode.Parse(text);
        Count(probe);
        for (var k = 1; k < count; k++)
        {
            foreach (var kind in new[] { "value", "remove", "reorder" })
            {
                var root = JsonNode.Parse(text)!;
                var target = Nth(root, k);
                var where = target.GetPath();
                string? what = null;
                switch (kind)
                {
                    case "value" when target is JsonValue v:
                        var raw = v.ToJsonString();
                        if (raw is "true" or "false") { Replace(target, JsonValue.Create(raw == "false")); what = $"{where} negated"; }
                        else if (v.TryGetValue<string>(out var s)) { Replace(target, JsonValue.Create(Shift(s))); what = $"{where} '{s}' -> '{Shift(s)}'"; }
                        else { var d = v.GetValue<decimal>(); Replace(target, JsonValue.Create(d + 1)); what = $"{where} {d} -> {d + 1}"; }
                        break;
                    case "remove" when target.Parent is JsonObject parent:
                        what = $"{target.GetPath()} removed";
                        parent.Remove(target.GetPropertyName());
                        break;
                    case "reorder" when target is JsonArray { Count: > 1 } array:
                        var first = array[0];
                        array.RemoveAt(0);
                        array.Add(first);
                        what = $"{target.GetPath()} first element moved last";
                        break;
                }
                if (what is not null) yield return new Tamper(path, what, Encoding.UTF8.GetBytes(EvidenceJson.Write(root)));
            }
        }
    }

    private static JsonNode Nth(JsonNode root, int n)
    {
        var i = 0;
        JsonNode? found = null;
        void Walk(JsonNode? node)
        {
            if (found is not null || node is null) return;
            if (i++ == n) { found = node; return; }
            if (node is JsonObject o) foreach (var kv in o.ToList()) Walk(kv.Value);
            if (node is JsonArray a) foreach (var item in a.ToList()) Walk(item);
        }
        Walk(root);
        return found!;
    }

    private static void Replace(JsonNode target, JsonNode value)
    {
        switch (target.Parent)
        {
            case JsonObject o: o[target.GetPropertyName()] = value; break;
            case JsonArray a: a[target.GetElementIndex()] = value; break;
        }
    }

    /// <summary>
    /// The readback is Markdown: every line that states a value (a digit or a hash) has its last digit/letter shifted,
    /// except the repository-commit line, which names the commit the packet was generated at and is outside the tree
    /// (docs/security.md).
    /// </summary>
    private static IEnumerable<Tamper> ReadbackTampers(string path, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!Regex.IsMatch(lines[i], "[0-9]") || lines[i].Contains("**Repository commit:**", StringComparison.Ordinal)) continue;
            // Only lines that carry data: skip the numbered how-to steps, which are instructions.
            if (Regex.IsMatch(lines[i], @"^\d+\. ")) continue;
            var copy = (string[])lines.Clone();
            copy[i] = Shift(lines[i].TrimEnd('`', '%', ' ', '|', '*', '.'))
                      + lines[i][lines[i].TrimEnd('`', '%', ' ', '|', '*', '.').Length..];
            if (copy[i] == lines[i]) continue;
            yield return new Tamper(path, $"line {i + 1} '{lines[i].Trim()}' -> '{copy[i].Trim()}'", Encoding.UTF8.GetBytes(string.Join('\n', copy)));
        }
    }

    private static List<Tamper> AllTampers(string root) => Artifacts(root).SelectMany(p =>
    {
        var text = File.ReadAllText(Path.Combine(root, p));
        return p.EndsWith(".json", StringComparison.Ordinal) ? JsonTampers(p, text) : ReadbackTampers(p, text);
    }).ToList();

    private static List<Finding> HashRuleBlocks(string root, LoadCache cache)
    {
        var loaded = EvidenceLoader.Default.Load(new FileSystemSource(root), cache);
        var context = new GateContext(CliRunner.FixedNow);
        return loaded.Findings.Concat(HashRules.SelectMany(r => r.Evaluate(loaded.Evidence, context))).Where(f => f.Blocks).ToList();
    }

    [Fact]
    public void Given_each_field_of_each_hashed_artifact_tampered_in_turn_When_the_recorded_hash_rules_and_replay_run_Then_all_are_detected()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        var cache = new LoadCache();
        Assert.Empty(HashRuleBlocks(repo.Root, cache)); // the untampered evidence verifies

        var tampers = AllTampers(repo.Root);
        Assert.True(tampers.Count > 100, $"only {tampers.Count} tampers generated");
        Assert.Contains(tampers, t => t.Path.Contains("/attendance/", StringComparison.Ordinal));
        Assert.Contains(tampers, t => t.Path.Contains("/manifests/", StringComparison.Ordinal) && t.Description.Contains("slots", StringComparison.Ordinal));
        Assert.Contains(tampers, t => t.Path.Contains("/sprint-budgets/", StringComparison.Ordinal));
        Assert.Contains(tampers, t => t.Path.Contains("/readbacks/", StringComparison.Ordinal));

        using var git = repo.InitGit();
        var clean = repo.Commit(git, "bundled evidence", CommitTime);
        var signature = TempEvidenceRepo.Signer(CommitTime);
        var missedByGate = new List<string>();
        var missedByReplay = new List<string>();
        var replayer = new Replayer(EvidenceLoader.Default);
        var replayCache = new LoadCache();
        using var history = GitEvidenceHistory.Open(repo.Root)!;
        foreach (var t in tampers)
        {
            var original = File.ReadAllBytes(repo.PathOf(t.Path));
            repo.WriteBytes(t.Path, t.Bytes);
            if (HashRuleBlocks(repo.Root, cache).Count == 0) missedByGate.Add($"{t.Path}: {t.Description}");
            repo.WriteBytes(t.Path, original);

            // The tampered file as a real commit on top of the clean one; replay judges just that commit.
            var tree = TreeDefinition.From(clean.Tree);
            tree.Add(t.Path, git.ObjectDatabase.CreateBlob(new MemoryStream(t.Bytes)), Mode.NonExecutableFile);
            var tampered = git.ObjectDatabase.CreateCommit(signature, signature, $"tamper {t.Path}: {t.Description}", git.ObjectDatabase.CreateTree(tree), [clean], prettifyMessage: false);
            var at = history.Resolve(tampered.Sha)!;
            var result = replayer.Run(history, at, at, replayCache); // from is inclusive: just the tampered commit
            if (result.Commits != 1 || result.Failed == 0) missedByReplay.Add($"{t.Path}: {t.Description}");
        }

        var byKind = tampers.GroupBy(t => t.Path.Split('/')[1]).Select(g => $"{g.Key} {g.Count()}");
        var gateLine = $"tamper: {tampers.Count - missedByGate.Count}/{tampers.Count} mutations detected by the gate's recorded-hash rules ({string.Join(", ", byKind)})";
        var replayLine = $"tamper: {tampers.Count - missedByReplay.Count}/{tampers.Count} mutations detected by replay";
        foreach (var line in new[] { gateLine, replayLine }.Concat(missedByGate.Select(m => "missed by gate: " + m)).Concat(missedByReplay.Select(m => "missed by replay: " + m)))
            FuzzHarness.Report(output, line);
        Assert.Empty(missedByGate);
        Assert.Empty(missedByReplay);
    }

    [Fact]
    public void Given_hashed_json_reformatted_and_its_keys_reordered_When_the_gate_runs_Then_nothing_is_flagged()
    {
        using var repo = TempEvidenceRepo.WithBundledEvidence();
        var jsonArtifacts = Artifacts(repo.Root).Where(p => p.EndsWith(".json", StringComparison.Ordinal)).ToArray();
        foreach (var p in jsonArtifacts)
        {
            var node = JsonNode.Parse(repo.Read(p))!;
            // Members in reverse order at every level, one line, tabs and CRLF: same JSON value, different bytes.
            var reordered = Reverse(node);
            var text = reordered.ToJsonString().Replace(",", ",\r\n\t", StringComparison.Ordinal).Replace(":", " : ", StringComparison.Ordinal);
            // (':' and ',' never occur inside these files' strings except timestamps and e-mails: put those back.)
            text = Regex.Replace(text, "\"[^\"]*\"", m => m.Value.Replace(",\r\n\t", ",", StringComparison.Ordinal).Replace(" : ", ":", StringComparison.Ordinal));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), node), p);
            repo.Write(p, text);
        }
        var loaded = EvidenceLoader.Default.Load(repo.Root);
        var result = Gate.Evaluate(loaded.Evidence, loaded.Findings, CliRunner.FixedNow, HashRules);
        // Every recorded hash is over the canonical form, so none is flagged. The one exception is by design: a readback
        // lists the SHA-256 of its budget FILE (partners run `sha256sum -c` on it), so reformatting a budget that has a
        // readback is flagged there, and only there.
        var blocks = result.Findings.Where(f => f.Blocks).ToList();
        Assert.All(blocks, f =>
        {
            Assert.StartsWith("evidence/readbacks/", f.Location.Path, StringComparison.Ordinal);
            Assert.Contains("input evidence/sprint-budgets/", f.Message, StringComparison.Ordinal);
        });
        Assert.Equal(loaded.Evidence.Readbacks.Length, blocks.Count);
        FuzzHarness.Report(output, $"canonical form: {jsonArtifacts.Length} hashed JSON files reformatted and reordered, no recorded hash flagged");
    }

    private static JsonNode Reverse(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Reverse().Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)(kv.Value is null ? null : Reverse(kv.Value))))),
        JsonArray a => new JsonArray(a.Select(i => (JsonNode?)(i is null ? null : Reverse(i))).ToArray()),
        _ => node.DeepClone(),
    };
}
