using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;
using EvidenceTasks.IO.Loading;
using EvidenceTasks.Tests.Support;
using NodaTime;

namespace EvidenceTasks.Tests.Loading;

public class LoadResultCodecTests
{
    /// <summary>
    /// Real per-file results, keyed "bundled:" or "samples:" and the path: the bundled evidence (every kind, ICS holds, a readback, a budget with inputs_sha256) and one
    /// sample of every kind with variants that fill the optional fields the bundled files leave out, plus files that fail.
    /// </summary>
    private static readonly Lazy<IReadOnlyDictionary<string, EvidenceLoader.FileResult>> Corpus = new(LoadCorpus);

    private static readonly string[] BrokenPaths =
    [
        "evidence/deficiencies/def-parse.yaml",
        "evidence/deficiencies/def-schema.yaml",
        "evidence/deficiencies/def-other.yaml",
        "evidence/notes.txt",
        "evidence/carve-outs/co-2.yml",
    ];

    public static TheoryData<string> CorpusPaths => new(Corpus.Value.Keys.Order(StringComparer.Ordinal));

    private static Dictionary<string, EvidenceLoader.FileResult> LoadCorpus()
    {
        var results = new Dictionary<string, EvidenceLoader.FileResult>(StringComparer.Ordinal);
        using (var bundled = TempEvidenceRepo.WithBundledEvidence())
            foreach (var (path, result) in LoadPerFile(bundled)) results["bundled:" + path] = result;

        using var samples = KindSamples.WriteAll(new TempEvidenceRepo());
        samples
            .Write("roster/slots/w2.yaml", KindSamples.ValidFiles["roster/slots/w1.yaml"]
                .Replace("cert_window_id: w1", "cert_window_id: w2", StringComparison.Ordinal)
                .Replace("roster_status: locked\n", "roster_status: locked\n    backup_promote_event: promo-7\n", StringComparison.Ordinal))
            .Write("evidence/sprint-budgets/2027-Q1-S02.json", KindSamples.ValidFiles["evidence/sprint-budgets/2027-Q1-S01.json"]
                .Replace("2027-Q1-S01", "2027-Q1-S02", StringComparison.Ordinal)
                .Replace("\"reserved_pct\": 100,", "\"reserved_pct\": 100.00,", StringComparison.Ordinal)
                .Replace("\"approved_by\": \"governance_owner\"", "\"approved_by\": \"governance_owner\",\n  \"variance_note\": \"closures ran hot\"", StringComparison.Ordinal))
            .Write("evidence/README.md", "Evidence lives here.\n")
            .Write(BrokenPaths[0], "deficiency_id: def-parse\nmock_audit_id: [log-1\n")
            .Write(BrokenPaths[1], "surprise_field: 1\n" + KindSamples.ValidFiles["evidence/deficiencies/def-1.yaml"].Replace("def-1", "def-schema", StringComparison.Ordinal))
            .Write(BrokenPaths[2], KindSamples.ValidFiles["evidence/deficiencies/def-1.yaml"])
            .Write(BrokenPaths[3], "not evidence\n")
            .Write(BrokenPaths[4], "carve_out_id: co-2\n");
        foreach (var (path, result) in LoadPerFile(samples)) results["samples:" + path] = result;
        return results;
    }

    /// <summary>The loader's own per-file results, taken from the cache a keyed load fills.</summary>
    private static IEnumerable<KeyValuePair<string, EvidenceLoader.FileResult>> LoadPerFile(TempEvidenceRepo repo)
    {
        var cache = new LoadCache();
        EvidenceLoader.Default.Load(new KeyedSource(new FileSystemSource(repo.Root)), cache);
        return cache.Entries.Select(e => KeyValuePair.Create(e.Key.Path, e.Value)).ToList();
    }

    /// <summary>Gives every entry a content key (its path), so the loader keeps each file's result in the cache.</summary>
    private sealed class KeyedSource(IEvidenceSource inner) : IEvidenceSource
    {
        public string Description => inner.Description;

        public IReadOnlyList<SourceEntry> Enumerate(ICollection<Finding> findings) =>
            inner.Enumerate(findings).Select(e => e with { ContentKey = e.Path }).ToList();

        public byte[] Read(SourceEntry entry) => inner.Read(entry);
    }

    private static byte[] Encode(EvidenceLoader.FileResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) LoadResultCodec.Write(w, result);
        return stream.ToArray();
    }

    // Read checks that it read exactly what was written.
    private static EvidenceLoader.FileResult Decode(byte[] bytes) => LoadResultCodec.Read(bytes, 0, bytes.Length);

    /// <summary>A result of the sample repository.</summary>
    private static EvidenceLoader.FileResult Result(string path) => Corpus.Value["samples:" + path];

    [Fact]
    public void Given_the_corpus_When_loaded_Then_it_holds_every_kind_and_failed_files()
    {
        var results = Corpus.Value.Values.ToList();
        var builders = results.Select(r => r.Records).OfType<EvidenceSetBuilder>().ToList();
        foreach (var list in typeof(EvidenceSetBuilder).GetProperties().Where(p => typeof(IList).IsAssignableFrom(p.PropertyType)))
            Assert.True(builders.Any(b => ((IList)list.GetValue(b)!).Count > 0), $"no result holds any {list.Name}");
        foreach (var path in BrokenPaths)
        {
            Assert.Null(Result(path).Records);
            Assert.NotEmpty(Result(path).Findings);
        }
        Assert.Contains(results, r => r.Findings.Any(f => f.Reason == BlockReason.ParseError));
        Assert.Contains(results, r => r.Findings.Any(f => f.Reason == BlockReason.SchemaInvalid));
        Assert.Contains(results, r => r.Findings.Any(f => f.Reason == BlockReason.IdInvalid));
        Assert.Contains(results, r => r.Findings.Any(f => f.Reason == BlockReason.FileRejected));
    }

    [Theory]
    [MemberData(nameof(CorpusPaths))]
    public void Given_a_loaded_file_When_written_and_read_Then_the_result_is_structurally_equal_and_rewrites_to_the_same_bytes(string key)
    {
        var original = Corpus.Value[key];
        var bytes = Encode(original);

        var decoded = Decode(bytes);

        Assert.Equal(bytes, Encode(decoded));
        Assert.Equal(bytes, Encode(original)); // and writing is repeatable
        new DeepComparer().AssertEqual(original, decoded);
    }

    [Fact]
    public void Given_every_result_of_the_corpus_When_fields_are_inspected_Then_each_settable_field_holds_a_non_default_value_somewhere()
    {
        // Guards the round-trip test itself: a field the codec dropped (written as nothing, read back as null or 0) only
        // fails a comparison if some sample has a value there. New fields must be given one in the corpus.
        var seen = new FieldCoverage();
        foreach (var result in Corpus.Value.Values) seen.Visit(result);
        seen.Visit(Synthetic());

        var missing = seen.Unfilled().ToList();
        Assert.True(missing.Count == 0, "fields never holding a value in the corpus: " + string.Join(", ", missing));
        Assert.Contains("DeficiencyTicket.Summary", seen.Filled);
        Assert.Contains("SprintBudget.InputsSha256", seen.Filled);
        Assert.Contains("IcsHold.Identity", seen.Filled);
        Assert.Contains("RosterSlot.BackupPromoteEvent", seen.Filled);
    }

    /// <summary>What real loads never give: paths other than the result's, hashes of several files, unreadable paths, a warning, an empty default-comparer map.</summary>
    private static EvidenceLoader.FileResult Synthetic()
    {
        const string path = "evidence/deficiencies/def-x.yaml";
        var positions = PositionMap.Own(new Dictionary<string, TextPosition>(StringComparer.Ordinal) { ["/b"] = new(3, 2), ["/a"] = new(1, 1) });
        var records = new EvidenceSetBuilder();
        records.Rubrics.Add(new Rubric("r1", 4, 75.50m, [new RubricDimension(1, "one", 100.000m)], ["t"], new Origin("governance/rubric/other.yaml", "/a", positions)));
        records.Allocators.Add(new AllocatorConfig([new AllocatorLane("l", [1, 2], null)], ImmutableSortedDictionary<string, decimal>.Empty, 40.0m, 20m, 72, new Origin(path, "", positions)));
        records.IcsHolds.Add(new IcsHold("w1", "s1", "not parsed", Origin.Synthetic("evidence/ics/w1/s1.ics"), new IcsHoldIdentity("s1@uid", 3, 9)));
        records.FileSha256["z/last.yaml"] = "zz";
        records.FileSha256[path] = "aa";
        records.FileSha256["a/first.yaml"] = "bb";
        records.UnreadablePaths.Add("b/unreadable.yaml");
        records.UnreadablePaths.Add("a/unreadable.yaml");
        var findings = new List<Finding>
        {
            Finding.Warning(BlockReason.LateEvidence, new SourceLocation("elsewhere.yaml", 4, 5), "late", "custom fix"),
            Finding.Error(BlockReason.ReferenceBroken, new SourceLocation(path, 1, 1), "broken"),
        };
        return new EvidenceLoader.FileResult(path, records, findings);
    }

    [Fact]
    public void Given_results_loaders_never_give_When_written_and_read_Then_they_round_trip_too()
    {
        var original = Synthetic();
        var bytes = Encode(original);

        var decoded = Decode(bytes);

        Assert.Equal(bytes, Encode(decoded));
        new DeepComparer().AssertEqual(original, decoded);
        Assert.Same(decoded.Records!.Allocators[0].ClassificationWeights.KeyComparer, Comparer<string>.Default);
        Assert.Equal(2, decimal.GetBits(decoded.Records.Rubrics[0].PassThreshold)[3] >> 16 & 0xff); // 75.50, scale kept
    }

    [Fact]
    public void Given_the_same_hashes_and_paths_added_in_another_order_When_written_Then_the_bytes_are_the_same()
    {
        var a = Synthetic();
        var b = Synthetic();
        var hashes = b.Records!.FileSha256.ToList();
        b.Records.FileSha256.Clear();
        foreach (var (key, value) in hashes.AsEnumerable().Reverse()) b.Records.FileSha256[key] = value;
        var unreadable = b.Records.UnreadablePaths.ToList();
        b.Records.UnreadablePaths.Clear();
        foreach (var p in unreadable.AsEnumerable().Reverse()) b.Records.UnreadablePaths.Add(p);

        Assert.Equal(Encode(a), Encode(b));
    }

    [Fact]
    public void Given_a_ticket_When_read_back_Then_its_fields_point_at_the_same_lines_and_columns()
    {
        var original = Assert.Single(Result("evidence/deficiencies/def-1.yaml").Records!.Deficiencies);

        var decoded = Assert.Single(Decode(Encode(Result("evidence/deficiencies/def-1.yaml"))).Records!.Deficiencies);

        foreach (var field in new[] { "severity", "resolved_dt_utc", "epsilon_policy_version", "no_such_field" })
            Assert.Equal(original.Origin.Field(field), decoded.Origin.Field(field));
        Assert.Equal(new SourceLocation("evidence/deficiencies/def-1.yaml", 6, 1), decoded.Origin.Field("severity"));
    }

    [Fact]
    public void Given_a_slot_file_When_read_back_Then_its_slots_and_bindings_share_one_position_map_again()
    {
        var result = Result("roster/slots/w1.yaml");
        var slot = Assert.Single(result.Records!.Slots);
        Assert.All(slot.Bindings, b => Assert.Same(slot.Origin.Positions, b.Origin.Positions));

        var decoded = Assert.Single(Decode(Encode(result)).Records!.Slots);

        Assert.All(decoded.Bindings, b => Assert.Same(decoded.Origin.Positions, b.Origin.Positions));
        Assert.NotSame(slot.Origin.Positions, decoded.Origin.Positions);
        Assert.Equal(slot.Bindings[3].Origin.Field("backup_signer_id"), decoded.Bindings[3].Origin.Field("backup_signer_id"));
    }

    [Fact]
    public void Given_position_maps_When_read_back_Then_pointers_are_pooled_as_the_parsers_pool_them_and_the_empty_map_stays_the_empty_map()
    {
        var decoded = Decode(Encode(Result("evidence/deficiencies/def-1.yaml")));
        var entries = Assert.Single(decoded.Records!.Deficiencies).Origin.Positions.Entries.ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Same(PointerPool.Default.Share(e.Key), e.Key));

        var hold = Decode(Encode(Corpus.Value.Values.First(r => r.Records?.IcsHoldsOrNull is { Count: > 0 }))).Records!.IcsHolds[0];
        Assert.Same(PositionMap.Empty, hold.Origin.Positions);
    }

    private static IcsHold LoadedHold() =>
        Corpus.Value.Values.SelectMany(r => r.Records?.IcsHoldsOrNull ?? []).First(h => h.Identity is not null);

    [Fact]
    public void Given_an_ics_hold_whose_stored_identity_differs_from_its_text_When_read_back_Then_the_stored_identity_is_kept_without_parsing()
    {
        var loaded = LoadedHold();
        var stored = new IcsHoldIdentity("stored@uid", 41, 9);
        var hold = new IcsHold(loaded.CertWindowId, loaded.RosterSlotId, loaded.Content, loaded.Origin, stored);
        var records = new EvidenceSetBuilder();
        records.IcsHolds.Add(hold);

        var decoded = Assert.Single(Decode(Encode(new EvidenceLoader.FileResult(loaded.Origin.Path, records, []))).Records!.IcsHolds);

        Assert.Equal(stored, decoded.Identity); // a parse would have given the text's own UID
        Assert.NotEqual(loaded.Identity, decoded.Identity);
        Assert.Equal(loaded.Content, decoded.Content);
        Assert.Equal(hold, decoded);
    }

    [Fact]
    public void Given_an_ics_hold_made_with_a_known_identity_When_changed_Then_public_behaviour_is_that_of_a_parsed_hold()
    {
        var loaded = LoadedHold();
        var known = new IcsHold(loaded.CertWindowId, loaded.RosterSlotId, loaded.Content, loaded.Origin, loaded.Identity);

        Assert.Equal(loaded, known);
        Assert.Equal(loaded.GetHashCode(), known.GetHashCode());
        Assert.Equal(loaded.ToString(), known.ToString());
        Assert.Null((known with { Content = "not a calendar" }).Identity);
        Assert.Equal(loaded.Identity, (known with { RosterSlotId = "other" }).Identity);
        var (window, slot, content, origin) = known;
        Assert.Equal((loaded.CertWindowId, loaded.RosterSlotId, loaded.Content, loaded.Origin), (window, slot, content, origin));
        Assert.NotEqual(loaded, new IcsHold(loaded.CertWindowId, loaded.RosterSlotId, loaded.Content, loaded.Origin, null));
    }

    [Fact]
    public void Given_a_cached_result_When_written_Then_its_builder_gets_no_lists_it_did_not_have_and_a_read_one_makes_none()
    {
        // A load of its own: other tests read the shared corpus through the list properties, which make the lists.
        using var repo = new TempEvidenceRepo().Write("evidence/deficiencies/def-1.yaml", KindSamples.ValidFiles["evidence/deficiencies/def-1.yaml"]);
        var result = Assert.Single(LoadPerFile(repo)).Value;
        Assert.Null(result.Records!.RubricsOrNull);

        var decoded = Decode(Encode(result));

        Assert.Null(result.Records.RubricsOrNull);
        Assert.Null(result.Records.UnreadablePathsOrNull);
        Assert.Null(decoded.Records!.RubricsOrNull);
        Assert.Null(decoded.Records.IcsHoldsOrNull);
        Assert.Null(decoded.Records.UnreadablePathsOrNull);
        Assert.NotNull(decoded.Records.DeficienciesOrNull);
    }

    [Fact]
    public void Given_any_truncation_of_encoded_results_When_read_Then_it_fails_with_end_of_stream_or_invalid_data()
    {
        var samples = Corpus.Value.Values
            .GroupBy(r => (r.Records is null, r.Path[..Math.Max(0, r.Path.LastIndexOf('/'))]))
            .Select(g => g.First())
            .Append(Synthetic());
        foreach (var result in samples)
        {
            var bytes = Encode(result);
            for (var length = 0; length < bytes.Length; length++)
            {
                var cut = bytes[..length];
                var e = Record.Exception(() => Decode(cut));
                Assert.True(e is EndOfStreamException or InvalidDataException, $"{result.Path} cut at {length}/{bytes.Length}: {e?.GetType().Name ?? "no exception"}");
            }
        }
    }

    [Fact]
    public void Given_a_finding_of_an_unknown_reason_When_read_Then_invalid_data()
    {
        var unknown = new BlockReason("no_such_reason", "Nothing.", "Nothing to do.");
        var bytes = Encode(new EvidenceLoader.FileResult("a.yaml", null, [Finding.Error(unknown, new SourceLocation("a.yaml", 1, 1), "m")]));

        var e = Assert.Throws<InvalidDataException>(() => Decode(bytes));
        Assert.Contains("no_such_reason", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_corrupt_count_or_tag_When_read_Then_invalid_data()
    {
        // Path "p", records absent, then a finding count far larger than the bytes left.
        Assert.Throws<InvalidDataException>(() => Decode([1, (byte)'p', 0, 0xff, 0xff, 0x7f]));
        // A count's 7-bit encoding that never ends.
        Assert.Throws<InvalidDataException>(() => Decode([1, (byte)'p', 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
        // A reference to a position map that was never written. The bytes end with the readback's origin (own-path flag,
        // empty pointer, map tag) and three empty counts (file hashes, unreadable paths, findings): one zero byte each.
        var records = new EvidenceSetBuilder();
        records.Readbacks.Add(new Readback("s", "c", Origin.Synthetic("p")));
        var bytes = Encode(new EvidenceLoader.FileResult("p", records, []));
        Assert.Equal([0, 0, 0, 0, 0, 0], bytes[^6..]);
        bytes[^4] = 7;
        Assert.Contains("position map", Assert.Throws<InvalidDataException>(() => Decode(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_decoded_position_map_When_read_from_many_threads_at_once_Then_every_thread_sees_the_same_positions()
    {
        // Maps come back undecoded (decoded on first read); the first reads may race, and must all agree.
        var original = Assert.Single(Result("evidence/deficiencies/def-1.yaml").Records!.Deficiencies);
        var bytes = Encode(Result("evidence/deficiencies/def-1.yaml"));
        for (var round = 0; round < 20; round++)
        {
            var decoded = Assert.Single(Decode(bytes).Records!.Deficiencies);
            var seen = new SourceLocation[8];
            Parallel.For(0, seen.Length, i => seen[i] = decoded.Origin.Field("severity"));
            Assert.All(seen, at => Assert.Equal(original.Origin.Field("severity"), at));
            Assert.Equal(original.Origin.Positions.Entries.ToList(), decoded.Origin.Positions.Entries.ToList());
        }
    }

    [Fact]
    public void Given_a_damaged_position_map_When_decoded_Then_the_damage_shows_when_the_map_is_first_read()
    {
        // A map's entries are checked on first read, not when the result is decoded (the cache file's seal guards them).
        var result = Result("evidence/deficiencies/def-1.yaml");
        var bytes = Encode(result);
        var pointer = System.Text.Encoding.UTF8.GetBytes(Assert.Single(result.Records!.Deficiencies).Origin.Positions.Entries.First().Key);
        var at = bytes.AsSpan().IndexOf(pointer);
        Assert.True(at > 0);
        bytes[at - 1] = 0x7f; // the pointer's length byte: now runs past the map's entries

        var decoded = Assert.Single(Decode(bytes).Records!.Deficiencies);

        var e = Record.Exception(() => decoded.Origin.Field("severity"));
        Assert.True(e is EndOfStreamException or InvalidDataException, e?.GetType().Name ?? "no exception");
    }

    [Fact]
    public void Given_repeated_and_non_ascii_values_When_read_back_Then_equal_strings_are_one_instance_and_non_ascii_ones_are_exact()
    {
        var records = new EvidenceSetBuilder();
        foreach (var (id, summary) in new[] { ("def-1", "Überprüfung fehlt ✓"), ("def-2", "Überprüfung fehlt ✓"), ("def-3", "plain") })
            records.Deficiencies.Add(new DeficiencyTicket(id, "mock-1", "w1", 3, "tag", "high", "P1", "open", null, null, "1.0.0", "eps-1", summary, Origin.Synthetic("p")));
        var decoded = Decode(Encode(new EvidenceLoader.FileResult("p", records, []))).Records!.Deficiencies;

        Assert.Equal(["def-1", "def-2", "def-3"], decoded.Select(d => d.DeficiencyId));
        // ASCII values repeat as one string: each has a fixed slot in the table (FNV-1a), and these do not share one.
        Assert.Same(decoded[0].Severity, decoded[2].Severity);
        Assert.Same(decoded[0].CertWindowId, decoded[1].CertWindowId);
        Assert.Equal("Überprüfung fehlt ✓", decoded[0].Summary);
        Assert.Equal("Überprüfung fehlt ✓", decoded[1].Summary);
    }

    [Fact]
    public void Given_a_decimal_with_invalid_flags_When_read_Then_invalid_data()
    {
        var records = new EvidenceSetBuilder();
        records.Rubrics.Add(new Rubric("r1", 4, 75.50m, [], [], Origin.Synthetic("p")));
        var bytes = Encode(new EvidenceLoader.FileResult("p", records, []));
        var flags = decimal.GetBits(75.50m)[3];
        var at = bytes.AsSpan().IndexOf(BitConverter.GetBytes(flags));
        Assert.True(at > 0);
        bytes[at] = 0xff; // flag bits that no decimal has

        Assert.Contains("decimal", Assert.Throws<InvalidDataException>(() => Decode(bytes)).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Walks two object graphs by their public properties: strings ordinally, decimals bit for bit (75.50 is not 75.5),
    /// lists element-wise, maps and sets by key (and comparer), position maps by their entries in order. Also checks that
    /// position maps are shared in the decoded graph exactly where they were shared in the original.
    /// </summary>
    private sealed class DeepComparer
    {
        private readonly List<(PositionMap Expected, PositionMap Actual)> _maps = [];

        public void AssertEqual(object? expected, object? actual)
        {
            Compare(expected, actual, "result");
            for (var i = 0; i < _maps.Count; i++)
            {
                Assert.True(ReferenceEquals(_maps[i].Expected, PositionMap.Empty) == ReferenceEquals(_maps[i].Actual, PositionMap.Empty), $"position map {i}: Empty-ness differs");
                for (var j = i + 1; j < _maps.Count; j++)
                    Assert.True(ReferenceEquals(_maps[i].Expected, _maps[j].Expected) == ReferenceEquals(_maps[i].Actual, _maps[j].Actual), $"position maps {i} and {j}: sharing differs");
            }
        }

        private void Compare(object? expected, object? actual, string at)
        {
            if (expected is null || actual is null)
            {
                Assert.True(expected is null && actual is null, $"{at}: {expected ?? "null"} vs {actual ?? "null"}");
                return;
            }
            var type = expected.GetType();
            Assert.True(type == actual.GetType(), $"{at}: {type.Name} vs {actual.GetType().Name}");
            switch (expected)
            {
                case string s:
                    Assert.True(string.Equals(s, (string)actual, StringComparison.Ordinal), $"{at}: '{s}' vs '{actual}'");
                    return;
                case decimal m:
                    Assert.True(decimal.GetBits(m).SequenceEqual(decimal.GetBits((decimal)actual)), $"{at}: {m} vs {actual}");
                    return;
                case PositionMap map:
                    _maps.Add((map, (PositionMap)actual));
                    Assert.Equal(map.Entries.ToList(), ((PositionMap)actual).Entries.ToList());
                    return;
                case IDictionary dictionary:
                    CompareComparers(expected, actual, at);
                    var other = (IDictionary)actual;
                    Assert.True(dictionary.Count == other.Count, $"{at}: {dictionary.Count} vs {other.Count} entries");
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        Assert.True(other.Contains(entry.Key), $"{at}: no key {entry.Key}");
                        Compare(entry.Value, other[entry.Key], $"{at}[{entry.Key}]");
                    }
                    if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>))
                        Assert.Equal(dictionary.Keys.Cast<object>(), other.Keys.Cast<object>());
                    return;
                case HashSet<string> set:
                    CompareComparers(expected, actual, at);
                    Assert.True(set.SetEquals((HashSet<string>)actual), $"{at}: sets differ");
                    return;
                case IEnumerable items:
                    var left = items.Cast<object?>().ToList();
                    var right = ((IEnumerable)actual).Cast<object?>().ToList();
                    Assert.True(left.Count == right.Count, $"{at}: {left.Count} vs {right.Count} items");
                    for (var i = 0; i < left.Count; i++) Compare(left[i], right[i], $"{at}[{i}]");
                    return;
            }
            if (type.IsValueType)
            {
                Assert.True(expected.Equals(actual), $"{at}: {expected} vs {actual}");
                return;
            }
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
            Assert.True(properties.Count > 0, $"{at}: {type.Name} has no public properties to compare; teach the comparer about it");
            foreach (var p in properties) Compare(p.GetValue(expected), p.GetValue(actual), $"{at}.{p.Name}");
        }

        private static void CompareComparers(object expected, object actual, string at)
        {
            var comparer = expected.GetType().GetProperty("KeyComparer") ?? expected.GetType().GetProperty("Comparer");
            if (comparer is not null) Assert.True(Equals(comparer.GetValue(expected), comparer.GetValue(actual)), $"{at}: comparers differ");
        }
    }

    /// <summary>Which settable properties (and builder lists) hold a non-default value in at least one object visited.</summary>
    private sealed class FieldCoverage
    {
        private readonly HashSet<string> _all = new(StringComparer.Ordinal);

        public HashSet<string> Filled { get; } = new(StringComparer.Ordinal);

        public IEnumerable<string> Unfilled() => _all.Except(Filled).Order(StringComparer.Ordinal);

        public void Visit(object? value)
        {
            switch (value)
            {
                case null or string or PositionMap or BlockReason:
                    return;
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary) Visit(entry.Value);
                    return;
                case IEnumerable items:
                    foreach (var item in items) Visit(item);
                    return;
            }
            var type = value.GetType();
            if (type.IsValueType) return;
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (p.SetMethod is null && type != typeof(EvidenceSetBuilder)) continue; // computed, not stored
                var name = $"{type.Name}.{p.Name}";
                _all.Add(name);
                var v = p.GetValue(value);
                if (!IsDefault(v)) Filled.Add(name);
                Visit(v);
            }
        }

        private static bool IsDefault(object? v) => v switch
        {
            null => true,
            string s => s.Length == 0,
            ICollection c => c.Count == 0,
            _ when v.GetType().IsValueType => v.Equals(Activator.CreateInstance(v.GetType())),
            _ => false,
        };
    }
}
