using System.Collections.Immutable;
using System.Runtime.InteropServices;
using EvidenceTasks.Core;
using EvidenceTasks.Core.Domain;
using EvidenceTasks.Core.Roster;
using NodaTime;

namespace EvidenceTasks.IO.Loading;

/// <summary>
/// One file's load result (<see cref="EvidenceLoader.FileResult"/>) as bytes and back, so per-file results can outlive a
/// run. Hand-written, one Write/Read pair per record: each Read calls the record's positional constructor, so a new
/// constructor parameter stops the build here instead of being dropped from the cache unnoticed.
/// </summary>
/// <remarks>
/// Same result, same bytes: sets and maps are written in ordinal order, position maps in the order their entries were
/// recorded. A position map shared by several origins (a slot file's slots and bindings) is written once and shared again
/// when read. Truncated input throws <see cref="EndOfStreamException"/>, input the codec did not write
/// <see cref="InvalidDataException"/>: a cache drops what it cannot read. A position map's entries are checked only when
/// the map is first read (that is the point of deferring them); a persisted cache's seal stands between them and damage.
/// </remarks>
internal static class LoadResultCodec
{
    /// <summary>Changes whenever the encoding does, for a persisted cache to record and compare before it reads anything.</summary>
    public const int FormatVersion = 2;

    public static void Write(BinaryWriter w, EvidenceLoader.FileResult result)
    {
        var e = new Encoder(w, result.Path);
        w.Write(result.Path);
        if (result.Records is { } records)
        {
            w.Write(true);
            WriteRecords(e, records);
        }
        else w.Write(false);
        e.List(result.Findings, WriteFinding);
    }

    /// <summary>
    /// The result encoded in <paramref name="length"/> bytes at <paramref name="offset"/> of <paramref name="bytes"/>, which
    /// must stay unchanged while the result lives: its position maps are decoded from them on first use (a map is read only
    /// when a finding is reported, and decoding 100,000 of them up front was a sixth of a warm gate's CPU).
    /// </summary>
    /// <param name="knownPath">The path the caller expects, returned as this instance when it matches (one string less per file).</param>
    public static EvidenceLoader.FileResult Read(byte[] bytes, int offset, int length, string? knownPath = null)
    {
        if (offset < 0 || length < 0 || length > bytes.Length - offset) throw new ArgumentOutOfRangeException(nameof(length));
        var d = new Decoder(bytes, offset, offset + length, string.Empty);
        var path = d.Str();
        if (path == knownPath) path = knownPath;
        d = d.For(path);
        var records = d.Bool() ? ReadRecords(d) : null;
        var count = d.Count();
        var findings = new List<Finding>(count);
        for (var i = 0; i < count; i++) findings.Add(ReadFinding(d));
        if (!d.AtEnd) throw Malformed("bytes left after the result");
        return new EvidenceLoader.FileResult(path, records, findings);
    }

    // A kind's list is written even when empty (one byte); on reading, only non-empty lists are made, as the loader does.
    private static void WriteRecords(Encoder e, EvidenceSetBuilder b)
    {
        e.List(b.RubricsOrNull, WriteRubric);
        e.List(b.AllocatorsOrNull, WriteAllocator);
        e.List(b.CertWindowsOrNull, WriteCertWindow);
        e.List(b.HandoffWeeksOrNull, WriteHandoffWeek);
        e.List(b.SlotsOrNull, WriteSlot);
        e.List(b.ReceiptsOrNull, WriteReceipt);
        e.List(b.LogsOrNull, WriteLog);
        e.List(b.DeficienciesOrNull, WriteDeficiency);
        e.List(b.CarveOutsOrNull, WriteCarveOut);
        e.List(b.SprintBudgetsOrNull, WriteBudget);
        e.List(b.ManifestsOrNull, WriteManifest);
        e.List(b.IcsHoldsOrNull, WriteIcsHold);
        e.List(b.ReadbacksOrNull, WriteReadback);

        var hashes = b.FileSha256OrNull;
        e.W.Write7BitEncodedInt(hashes?.Count ?? 0);
        if (hashes is { Count: > 0 })
        {
            foreach (var path in Ordinal(hashes.Keys, hashes.Count))
            {
                e.Path(path);
                e.W.Write(hashes[path]);
            }
        }
        var unreadable = b.UnreadablePathsOrNull;
        e.W.Write7BitEncodedInt(unreadable?.Count ?? 0);
        if (unreadable is { Count: > 0 })
            foreach (var path in Ordinal(unreadable, unreadable.Count)) e.Path(path);
    }

    private static EvidenceSetBuilder ReadRecords(Decoder d)
    {
        var b = new EvidenceSetBuilder();
        d.ListInto(b, static x => x.Rubrics, ReadRubric);
        d.ListInto(b, static x => x.Allocators, ReadAllocator);
        d.ListInto(b, static x => x.CertWindows, ReadCertWindow);
        d.ListInto(b, static x => x.HandoffWeeks, ReadHandoffWeek);
        d.ListInto(b, static x => x.Slots, ReadSlot);
        d.ListInto(b, static x => x.Receipts, ReadReceipt);
        d.ListInto(b, static x => x.Logs, ReadLog);
        d.ListInto(b, static x => x.Deficiencies, ReadDeficiency);
        d.ListInto(b, static x => x.CarveOuts, ReadCarveOut);
        d.ListInto(b, static x => x.SprintBudgets, ReadBudget);
        d.ListInto(b, static x => x.Manifests, ReadManifest);
        d.ListInto(b, static x => x.IcsHolds, ReadIcsHold);
        d.ListInto(b, static x => x.Readbacks, ReadReadback);

        var hashCount = d.Count();
        for (var i = 0; i < hashCount; i++)
        {
            var path = d.Path();
            if (!b.FileSha256.TryAdd(path, d.Str())) throw Malformed($"file hash of '{path}' given twice");
        }
        var unreadableCount = d.Count();
        for (var i = 0; i < unreadableCount; i++)
        {
            var path = d.Path();
            if (!b.UnreadablePaths.Add(path)) throw Malformed($"unreadable path '{path}' given twice");
        }
        return b;
    }

    private static void WriteFinding(Encoder e, Finding f)
    {
        e.W.Write(f.Reason.Id);
        e.W.Write((byte)f.Severity);
        e.Path(f.Location.Path);
        e.Int(f.Location.Line);
        e.Int(f.Location.Column);
        e.W.Write(f.Message);
        // Most findings carry their reason's stock fix, a few hundred characters: a flag instead, and the same string back.
        var stockFix = f.Fix == f.Reason.Fix;
        e.W.Write(stockFix);
        if (!stockFix) e.W.Write(f.Fix);
    }

    private static Finding ReadFinding(Decoder d)
    {
        var id = d.Str();
        var reason = BlockReason.Find(id) ?? throw Malformed($"unknown block reason '{id}'");
        var severity = d.Byte() switch
        {
            (byte)Severity.Error => Severity.Error,
            (byte)Severity.Warning => Severity.Warning,
            var other => throw Malformed($"unknown severity {other}"),
        };
        var location = new SourceLocation(d.Path(), d.Int(), d.Int());
        var message = d.Str();
        var fix = d.Bool() ? reason.Fix : d.Str();
        return new Finding(reason, severity, location, message, fix);
    }

    private static void WriteRubric(Encoder e, Rubric x)
    {
        e.W.Write(x.RubricVersion);
        e.Int(x.MaxScore);
        e.W.Write(x.PassThreshold);
        e.Array(x.Dimensions, WriteDimension);
        e.Array(x.FailureModeTags, static (e, tag) => e.W.Write(tag));
        e.Origin(x.Origin);
    }

    private static Rubric ReadRubric(Decoder d) =>
        new(d.Str(), d.Int(), d.Decimal(), d.Array(ReadDimension), d.Array(static d => d.Str()), d.Origin());

    private static void WriteDimension(Encoder e, RubricDimension x)
    {
        e.Int(x.Dimension);
        e.W.Write(x.Name);
        e.W.Write(x.Weight);
    }

    private static RubricDimension ReadDimension(Decoder d) => new(d.Int(), d.Str(), d.Decimal());

    private static void WriteAllocator(Encoder e, AllocatorConfig x)
    {
        e.Array(x.Lanes, WriteLane);
        e.SortedMap(x.ClassificationWeights, static (w, v) => w.Write(v));
        e.W.Write(x.LaneCapPct);
        e.W.Write(x.ReservedMinPct);
        e.Int(x.LockDeadlineHours);
        e.Origin(x.Origin);
    }

    private static AllocatorConfig ReadAllocator(Decoder d) =>
        new(d.Array(ReadLane), d.SortedMap(static d => d.Decimal()), d.Decimal(), d.Decimal(), d.Int(), d.Origin());

    private static void WriteLane(Encoder e, AllocatorLane x)
    {
        e.W.Write(x.Lane);
        e.Array(x.RubricDimensions, static (e, dimension) => e.Int(dimension));
        e.OptStr(x.Title);
    }

    private static AllocatorLane ReadLane(Decoder d) => new(d.Str(), d.Array(static d => d.Int()), d.OptStr());

    private static void WriteCertWindow(Encoder e, CertWindow x)
    {
        e.W.Write(x.CertWindowId);
        e.OptStr(x.Title);
        e.Instant(x.OpensUtc);
        e.Instant(x.ClosesUtc);
        e.Origin(x.Origin);
    }

    private static CertWindow ReadCertWindow(Decoder d) => new(d.Str(), d.OptStr(), d.Instant(), d.Instant(), d.Origin());

    private static void WriteHandoffWeek(Encoder e, HandoffWeek x)
    {
        e.W.Write(x.HandoffWeekId);
        e.W.Write(x.CertWindowId);
        e.Instant(x.WeekStartsUtc);
        e.W.Write(x.UsOwnerEmail);
        e.W.Write(x.EuOwnerEmail);
        e.W.Write(x.AsiaOwnerEmail);
        e.W.Write(x.UsBusinessTz);
        e.W.Write(x.EuBusinessTz);
        e.W.Write(x.AsiaBusinessTz);
        e.W.Write(x.ActivePublishTupleHash);
        e.Origin(x.Origin);
    }

    private static HandoffWeek ReadHandoffWeek(Decoder d) =>
        new(d.Str(), d.Str(), d.Instant(), d.Str(), d.Str(), d.Str(), d.Str(), d.Str(), d.Str(), d.Str(), d.Origin());

    private static void WriteSlot(Encoder e, RosterSlot x)
    {
        e.W.Write(x.RosterSlotId);
        e.W.Write(x.CertWindowId);
        e.W.Write(x.HandoffWeekId);
        e.W.Write(x.CertRehearsalLabel);
        e.W.Write(x.RehearsalPhase);
        e.W.Write(x.SlotRegion);
        e.W.Write(x.SlotLocalTz);
        e.Instant(x.SlotStartsAtUtc);
        e.Instant(x.SlotEndsAtUtc);
        e.OptStr(x.IcsUid);
        e.W.Write(x.RubricVersion);
        e.W.Write(x.PublishTupleHash);
        e.W.Write(x.RosterStatus);
        e.OptStr(x.BackupPromoteEvent);
        e.Array(x.Bindings, WriteBinding);
        e.Origin(x.Origin);
    }

    private static RosterSlot ReadSlot(Decoder d) => new(
        d.Str(), d.Str(), d.Str(), d.Str(), d.Str(), d.Str(), d.Str(), d.Instant(), d.Instant(), d.OptStr(),
        d.Str(), d.Str(), d.Str(), d.OptStr(), d.Array(ReadBinding), d.Origin());

    private static void WriteBinding(Encoder e, SignerBinding x)
    {
        e.W.Write(x.PanelRole);
        e.W.Write(x.SignerId);
        e.W.Write(x.SignerEmail);
        e.OptStr(x.BackupSignerId);
        e.Origin(x.Origin);
    }

    private static SignerBinding ReadBinding(Decoder d) => new(d.Str(), d.Str(), d.Str(), d.OptStr(), d.Origin());

    private static void WriteReceipt(Encoder e, AttendanceReceipt x)
    {
        e.W.Write(x.AttendanceId);
        e.W.Write(x.CertWindowId);
        e.W.Write(x.IcsUid);
        e.W.Write(x.RehearsalPhase);
        e.Instant(x.ScheduledStartUtc);
        e.OptInstant(x.ActualStartUtc);
        e.OptInstant(x.ActualEndUtc);
        e.W.Write(x.ScribeSignerId);
        e.Array(x.PanelPresent, WritePresence);
        e.W.Write(x.AttendanceStatus);
        e.OptStr(x.MockAuditLogId);
        e.OptStr(x.ReceiptSha256);
        e.W.Write(x.ComputedSha256);
        e.Origin(x.Origin);
    }

    private static AttendanceReceipt ReadReceipt(Decoder d) => new(
        d.Str(), d.Str(), d.Str(), d.Str(), d.Instant(), d.OptInstant(), d.OptInstant(), d.Str(), d.Array(ReadPresence),
        d.Str(), d.OptStr(), d.OptStr(), d.Str(), d.Origin());

    private static void WritePresence(Encoder e, PanelPresence x)
    {
        e.W.Write(x.Role);
        e.OptStr(x.CanonicalRole);
        e.W.Write(x.SignerId);
        e.Origin(x.Origin);
    }

    private static PanelPresence ReadPresence(Decoder d) => new(d.Str(), d.OptStr(), d.Str(), d.Origin());

    private static void WriteLog(Encoder e, MockAuditLog x)
    {
        e.W.Write(x.MockAuditId);
        e.OptStr(x.AttendanceId);
        e.W.Write(x.CertWindowId);
        e.W.Write(x.RubricVersion);
        e.W.Write(x.RehearsalKind);
        e.Instant(x.RehearsalDtUtc);
        e.W.Write(x.Status);
        e.Scores(x.Scores);
        e.OptDecimal(x.WeightedScore);
        e.OptBool(x.PassBit);
        e.Origin(x.Origin);
    }

    private static MockAuditLog ReadLog(Decoder d) => new(
        d.Str(), d.OptStr(), d.Str(), d.Str(), d.Str(), d.Instant(), d.Str(), d.Scores(), d.OptDecimal(), d.OptBool(), d.Origin());

    private static void WriteDeficiency(Encoder e, DeficiencyTicket x)
    {
        e.W.Write(x.DeficiencyId);
        e.W.Write(x.MockAuditId);
        e.W.Write(x.CertWindowId);
        e.Int(x.RubricDimension);
        e.W.Write(x.FailureModeTag);
        e.W.Write(x.Severity);
        e.W.Write(x.SlaTier);
        e.W.Write(x.Status);
        e.OptInstant(x.ResolvedDtUtc);
        e.OptStr(x.CarveOutId);
        e.W.Write(x.FooterSchemaSemver);
        e.W.Write(x.EpsilonPolicyVersion);
        e.OptStr(x.Summary);
        e.Origin(x.Origin);
    }

    private static DeficiencyTicket ReadDeficiency(Decoder d) => new(
        d.Str(), d.Str(), d.Str(), d.Int(), d.Str(), d.Str(), d.Str(), d.Str(), d.OptInstant(), d.OptStr(), d.Str(), d.Str(),
        d.OptStr(), d.Origin());

    private static void WriteCarveOut(Encoder e, CarveOut x)
    {
        e.W.Write(x.CarveOutId);
        e.Int(x.RubricDimension);
        e.W.Write(x.FailureModeTag);
        e.W.Write(x.ApprovedBy);
        e.Instant(x.ApprovedDtUtc);
        e.Instant(x.ExpiresDtUtc);
        e.W.Write(x.Rationale);
        e.Origin(x.Origin);
    }

    private static CarveOut ReadCarveOut(Decoder d) => new(d.Str(), d.Int(), d.Str(), d.Str(), d.Instant(), d.Instant(), d.Str(), d.Origin());

    private static void WriteBudget(Encoder e, SprintBudget x)
    {
        e.W.Write(x.SprintId);
        e.Instant(x.AsOf);
        e.Instant(x.GeneratedDtUtc);
        e.SortedMap(x.LanePct, static (w, v) => w.Write(v));
        e.W.Write(x.TrendBoardSnapshotHash);
        e.W.Write(x.ApprovedBy);
        e.OptStr(x.VarianceNote);
        e.Origin(x.Origin);
        e.SortedMap(x.InputsSha256, static (w, v) => w.Write(v)); // init-only: no constructor guards it, the tests do
    }

    private static SprintBudget ReadBudget(Decoder d) =>
        new(d.Str(), d.Instant(), d.Instant(), d.SortedMap(static d => d.Decimal()), d.Str(), d.Str(), d.OptStr(), d.Origin())
        {
            InputsSha256 = d.SortedMap(static d => d.Str()),
        };

    private static void WriteManifest(Encoder e, QuorumManifest x)
    {
        e.W.Write(x.HandoffWeekId);
        e.W.Write(x.CertWindowId);
        e.W.Write(x.PublishTupleHash);
        e.Array(x.Slots, WriteManifestSlot);
        e.W.Write(x.ManifestSha256);
        e.W.Write(x.ComputedManifestSha256);
        e.Origin(x.Origin);
    }

    private static QuorumManifest ReadManifest(Decoder d) =>
        new(d.Str(), d.Str(), d.Str(), d.Array(ReadManifestSlot), d.Str(), d.Str(), d.Origin());

    private static void WriteManifestSlot(Encoder e, ManifestSlot x)
    {
        e.W.Write(x.RosterSlotId);
        e.W.Write(x.SlotRegion);
        e.W.Write(x.SlotLocalTz);
        e.Instant(x.SlotStartsAtUtc);
        e.W.Write(x.SignersSha256);
        e.Origin(x.Origin);
    }

    private static ManifestSlot ReadManifestSlot(Decoder d) => new(d.Str(), d.Str(), d.Str(), d.Instant(), d.Str(), d.Origin());

    // The identity Ical.Net read when the file was loaded is stored with the text: decoding never parses a calendar.
    private static void WriteIcsHold(Encoder e, IcsHold x)
    {
        e.W.Write(x.CertWindowId);
        e.W.Write(x.RosterSlotId);
        e.W.Write(x.Content);
        e.Origin(x.Origin);
        e.W.Write(x.Identity is not null);
        if (x.Identity is { } identity)
        {
            e.W.Write(identity.Uid);
            e.Int(identity.Sequence);
            e.Int(identity.UidLine);
        }
    }

    private static IcsHold ReadIcsHold(Decoder d) =>
        new(d.Str(), d.Str(), d.Str(), d.Origin(), d.Bool() ? new IcsHoldIdentity(d.Str(), d.Int(), d.Int()) : null);

    private static void WriteReadback(Encoder e, Readback x)
    {
        e.W.Write(x.SprintId);
        e.W.Write(x.Content);
        e.Origin(x.Origin);
    }

    private static Readback ReadReadback(Decoder d) => new(d.Str(), d.Str(), d.Origin());

    private static string[] Ordinal(IEnumerable<string> items, int count)
    {
        var sorted = new string[count];
        var i = 0;
        foreach (var item in items) sorted[i++] = item;
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    private static InvalidDataException Malformed(string what) => new($"not a load result written by LoadResultCodec: {what}");

    // Position-map references: Empty, a map written here for the first time, or one written before in this result.
    private const int EmptyMap = 0;
    private const int NewMap = 1;
    private const int FirstEarlierMap = 2;

    // A path equal to the result's own (origins, hashes, most findings) is a flag, and comes back as that one string.
    private const byte OwnPath = 0;
    private const byte OtherPath = 1;

    // String-keyed sorted maps keep their key comparer (an absent classification_weights is Empty, with the default one).
    private const byte OrdinalKeys = 0;
    private const byte DefaultKeys = 1;

    private sealed class Encoder(BinaryWriter w, string path)
    {
        private Dictionary<PositionMap, int>? _maps;
        private MemoryStream? _scratch;

        public BinaryWriter W { get; } = w;

        public void Int(int value) => W.Write7BitEncodedInt(value);

        public void Path(string value)
        {
            if (value == path) W.Write(OwnPath);
            else
            {
                W.Write(OtherPath);
                W.Write(value);
            }
        }

        public void OptStr(string? value)
        {
            W.Write(value is not null);
            if (value is not null) W.Write(value);
        }

        public void Instant(Instant value) => W.Write(value.ToUnixTimeTicks());

        public void OptInstant(Instant? value)
        {
            W.Write(value.HasValue);
            if (value is { } v) Instant(v);
        }

        public void OptDecimal(decimal? value)
        {
            W.Write(value.HasValue);
            if (value is { } v) W.Write(v);
        }

        public void OptBool(bool? value) => W.Write((byte)(value switch { null => 0, false => 1, true => 2 }));

        public void List<T>(List<T>? items, Action<Encoder, T> write)
        {
            W.Write7BitEncodedInt(items?.Count ?? 0);
            if (items is null) return;
            foreach (var item in items) write(this, item);
        }

        public void Array<T>(ImmutableArray<T> items, Action<Encoder, T> write)
        {
            W.Write7BitEncodedInt(items.Length);
            foreach (var item in items) write(this, item);
        }

        public void SortedMap<TValue>(ImmutableSortedDictionary<string, TValue> map, Action<BinaryWriter, TValue> write)
        {
            W.Write(map.KeyComparer == StringComparer.Ordinal ? OrdinalKeys
                : map.KeyComparer == Comparer<string>.Default ? DefaultKeys
                : throw new NotSupportedException("a sorted map of strings with a comparer other than ordinal or the default"));
            W.Write7BitEncodedInt(map.Count);
            foreach (var (key, value) in map)
            {
                W.Write(key);
                write(W, value);
            }
        }

        public void Scores(ImmutableSortedDictionary<int, int> scores)
        {
            W.Write7BitEncodedInt(scores.Count);
            foreach (var (dimension, score) in scores)
            {
                Int(dimension);
                Int(score);
            }
        }

        public void Origin(Origin origin)
        {
            Path(origin.Path);
            W.Write(origin.Pointer);
            Positions(origin.Positions);
        }

        private void Positions(PositionMap map)
        {
            if (ReferenceEquals(map, PositionMap.Empty))
            {
                Int(EmptyMap);
                return;
            }
            _maps ??= new Dictionary<PositionMap, int>(ReferenceEqualityComparer.Instance);
            if (_maps.TryGetValue(map, out var index))
            {
                Int(FirstEarlierMap + index);
                return;
            }
            _maps.Add(map, _maps.Count);
            Int(NewMap);
            var entries = map.Entries;
            Int(entries.Count);
            // The entries' byte length first, so a reader can step over them and decode them only if they are asked for.
            _scratch ??= new MemoryStream();
            _scratch.SetLength(0);
            using (var scratch = new BinaryWriter(_scratch, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                foreach (var (pointer, position) in entries)
                {
                    scratch.Write(pointer);
                    scratch.Write7BitEncodedInt(position.Line);
                    scratch.Write7BitEncodedInt(position.Column);
                }
            }
            Int((int)_scratch.Length);
            W.Write(_scratch.GetBuffer(), 0, (int)_scratch.Length);
        }
    }

    /// <summary>Reads what <see cref="Encoder"/>'s <see cref="BinaryWriter"/> wrote, straight from the bytes (no stream, no char buffers).</summary>
    private sealed class Decoder(byte[] bytes, int start, int end, string path)
    {
        private int _at = start;
        private List<PositionMap>? _maps;

        public bool AtEnd => _at == end;

        /// <summary>A decoder reading on from here, whose results' own path is <paramref name="ownPath"/>.</summary>
        public Decoder For(string ownPath) => new(bytes, _at, end, ownPath);

        public byte Byte() => _at < end ? bytes[_at++] : throw new EndOfStreamException();

        public bool Bool() => Byte() != 0;

        /// <summary>A 7-bit encoded int as <see cref="BinaryWriter.Write7BitEncodedInt"/> writes it.</summary>
        public int Int()
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = Byte();
                if (shift == 28 && b > 0b1111) throw Malformed("bad 7-bit integer");
                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80) return (int)value;
            }
            throw Malformed("bad 7-bit integer");
        }

        public long Int64() => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        /// <summary>A decimal as <see cref="BinaryWriter.Write(decimal)"/> writes it: lo, mid, hi and flags, little-endian.</summary>
        public decimal Decimal()
        {
            var raw = Take(16);
            ReadOnlySpan<int> bits =
            [
                System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(raw),
                System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(raw[4..]),
                System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(raw[8..]),
                System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(raw[12..]),
            ];
            try
            {
                return new decimal(bits);
            }
            catch (ArgumentException)
            {
                throw Malformed("bad decimal");
            }
        }

        /// <summary>A string as <see cref="BinaryWriter.Write(string)"/> writes it: its UTF-8 byte length, then the bytes.</summary>
        public string Str() => RecentStrings.Get(Take(Count()));

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length > end - _at) throw new EndOfStreamException();
            var span = bytes.AsSpan(_at, length);
            _at += length;
            return span;
        }

        /// <summary>A count of things that each take at least one byte, so never more than the bytes left.</summary>
        public int Count()
        {
            var count = Int();
            if (count < 0 || count > end - _at) throw Malformed($"count {count} does not fit the data");
            return count;
        }

        public string Path() => Byte() switch
        {
            OwnPath => path,
            OtherPath => Str(),
            var other => throw Malformed($"unknown path tag {other}"),
        };

        public string? OptStr() => Bool() ? Str() : null;

        public Instant Instant() => NodaTime.Instant.FromUnixTimeTicks(Int64());

        public Instant? OptInstant() => Bool() ? Instant() : null;

        public decimal? OptDecimal() => Bool() ? Decimal() : null;

        public bool? OptBool() => Byte() switch
        {
            0 => null,
            1 => false,
            2 => true,
            var other => throw Malformed($"unknown optional boolean {other}"),
        };

        public void ListInto<T>(EvidenceSetBuilder builder, Func<EvidenceSetBuilder, List<T>> list, Func<Decoder, T> read)
        {
            var count = Count();
            if (count == 0) return; // the builder makes a kind's list on first use; an unused kind stays without one
            var items = list(builder);
            items.EnsureCapacity(count);
            for (var i = 0; i < count; i++) items.Add(read(this));
        }

        public ImmutableArray<T> Array<T>(Func<Decoder, T> read)
        {
            var count = Count();
            if (count == 0) return [];
            var items = new T[count];
            for (var i = 0; i < items.Length; i++) items[i] = read(this);
            return ImmutableCollectionsMarshal.AsImmutableArray(items);
        }

        public ImmutableSortedDictionary<string, TValue> SortedMap<TValue>(Func<Decoder, TValue> read)
        {
            IComparer<string> comparer = Byte() switch
            {
                OrdinalKeys => StringComparer.Ordinal,
                DefaultKeys => Comparer<string>.Default,
                var other => throw Malformed($"unknown key comparer {other}"),
            };
            var builder = ImmutableSortedDictionary.CreateBuilder<string, TValue>(comparer);
            var count = Count();
            for (var i = 0; i < count; i++)
            {
                var key = Str();
                if (builder.ContainsKey(key)) throw Malformed($"key '{key}' given twice");
                builder.Add(key, read(this));
            }
            return builder.ToImmutable();
        }

        public ImmutableSortedDictionary<int, int> Scores()
        {
            var count = Count();
            if (count == 0) return ImmutableSortedDictionary<int, int>.Empty;
            var builder = ImmutableSortedDictionary.CreateBuilder<int, int>();
            for (var i = 0; i < count; i++)
            {
                var dimension = Int();
                if (builder.ContainsKey(dimension)) throw Malformed($"score of dimension {dimension} given twice");
                builder.Add(dimension, Int());
            }
            return builder.ToImmutable();
        }

        public Origin Origin() => new(Path(), Str(), Positions());

        private PositionMap Positions()
        {
            var tag = Int();
            if (tag == EmptyMap) return PositionMap.Empty;
            _maps ??= [];
            if (tag != NewMap)
            {
                var index = tag - FirstEarlierMap;
                return index >= 0 && index < _maps.Count ? _maps[index] : throw Malformed($"position map {tag} was not written before");
            }
            var count = Count();
            var length = Count();
            var map = PositionMap.Deferred(new EncodedPositions(bytes, _at, length, count, path).Decode);
            Take(length);
            _maps.Add(map);
            return map;
        }
    }

    /// <summary>A position map's entries as written, decoded when the map is first read.</summary>
    private sealed class EncodedPositions(byte[] bytes, int offset, int length, int count, string path)
    {
        public Dictionary<string, TextPosition> Decode()
        {
            var d = new Decoder(bytes, offset, offset + length, path);
            var positions = new Dictionary<string, TextPosition>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                // Pooled as the parsers pool them: entries come in recording order, so i is the pointer's index in its document.
                var pointer = PositionMap.Shared(d.Str(), i);
                if (!positions.TryAdd(pointer, new TextPosition(d.Int(), d.Int()))) throw Malformed($"position of '{pointer}' given twice");
            }
            return d.AtEnd ? positions : throw Malformed("bytes left after a position map");
        }
    }

    /// <summary>
    /// The short strings this thread decoded last, by their UTF-8 bytes: a status, a window id or a role is one string
    /// however many records hold it, instead of one per record (less to allocate, and less for the garbage collector to
    /// promote while 100,000 results are decoded). A fixed table, each slot keeping the last string that hashed to it:
    /// unique values (ids, hashes) only pass through it.
    /// </summary>
    private static class RecentStrings
    {
        private const int Slots = 4096;
        private const int MaxBytes = 48;

        [ThreadStatic]
        private static string?[]? t_slots;

        public static string Get(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length == 0) return string.Empty;
            if (utf8.Length > MaxBytes) return System.Text.Encoding.UTF8.GetString(utf8);
            var slots = t_slots ??= new string?[Slots];
            ref var slot = ref slots[Fnv1a(utf8) & (Slots - 1)];
            // Only ASCII strings match (Ascii.Equals is false otherwise); others are decoded each time, as before.
            if (slot is not null && System.Text.Ascii.Equals(utf8, slot)) return slot;
            var value = System.Text.Encoding.UTF8.GetString(utf8);
            slot = value;
            return value;
        }

        // FNV-1a, not HashCode: the same string lands in the same slot in every process, so which values share a slot
        // (and so which repeated values come back as one string) does not change from run to run.
        private static int Fnv1a(ReadOnlySpan<byte> bytes)
        {
            var hash = 2166136261u;
            foreach (var b in bytes) hash = (hash ^ b) * 16777619u;
            return (int)(hash ^ (hash >> 16));
        }
    }
}
