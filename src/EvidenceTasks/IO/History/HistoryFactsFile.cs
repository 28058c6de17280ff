using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using EvidenceTasks.Core.History;
using NodaTime;

namespace EvidenceTasks.IO.History;

/// <summary>
/// The history rules' facts (<see cref="HistoryFacts"/>) of recent HEADs, kept between gate runs beside the load cache
/// (<c>.git/evidence-tasks/history-facts/</c>), never in the working tree. Facts are a function of HEAD's commit (git
/// objects never change), the paths whose first commit is asked for, and the build that extracted them, so a file
/// names all three and is used only when all three match. Re-running the gate on the same HEAD (the usual loop: edit,
/// gate, edit) skips the walk through every commit. Each file is sealed with a SHA-256 like the load cache, so a torn
/// or damaged one is noticed and ignored (docs/performance.md, "History facts kept between runs").
/// </summary>
public static class HistoryFactsFile
{
    private static readonly byte[] Magic = "ETHF"u8.ToArray();
    private const int FormatVersion = 1;

    /// <summary>How many HEADs' facts are kept: enough to switch between a few branches, small enough never to matter.</summary>
    internal const int Kept = 16;

    /// <summary>Where the facts of the repository whose git directory is <paramref name="gitDirectory"/> live.</summary>
    public static string FolderIn(string gitDirectory) => Path.Combine(gitDirectory, "evidence-tasks", "history-facts");

    /// <summary>The file for these facts: HEAD's id and a digest of the asked-for paths.</summary>
    public static string PathOf(string folder, string headSha, IReadOnlyCollection<string> firstCommittedOf) =>
        Path.Combine(folder, $"{headSha}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', Sorted(firstCommittedOf)))))[..16]}.bin");

    private static List<string> Sorted(IReadOnlyCollection<string> paths) => paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The stored facts of <paramref name="headSha"/> for <paramref name="firstCommittedOf"/>, or null when there are none
    /// (or another build wrote them). A damaged file is said in <paramref name="problem"/> and treated as absent.
    /// </summary>
    public static HistoryFacts? Open(string folder, string headSha, IReadOnlyCollection<string> firstCommittedOf, out string? problem)
    {
        problem = null;
        var path = PathOf(folder, headSha, firstCommittedOf);
        try
        {
            if (!File.Exists(path)) return null;
            return Parse(File.ReadAllBytes(path), headSha, Sorted(firstCommittedOf));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException
                                       or ArgumentException or DecoderFallbackException or FormatException)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>Stores <paramref name="facts"/> atomically, and keeps only the <see cref="Kept"/> most recently written.</summary>
    public static void Save(string folder, HistoryFacts facts, IReadOnlyCollection<string> firstCommittedOf)
    {
        Directory.CreateDirectory(folder);
        var body = Encode(facts, Sorted(firstCommittedOf));
        AtomicFile.Replace(PathOf(folder, facts.Head.Sha, firstCommittedOf), file =>
        {
            file.Write(body);
            file.Write(SealedFile.Seal(body));
        });
        foreach (var old in new DirectoryInfo(folder).GetFiles("*.bin").OrderByDescending(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).Skip(Kept))
        {
            try
            {
                old.Delete();
            }
            catch (IOException)
            {
                // another run is replacing it; it is pruned next time
            }
        }
    }

    private static byte[] Encode(HistoryFacts facts, List<string> firstCommittedOf)
    {
        // Commits are shared by many holds (a commit that exported a window's holds is each one's first export), so they
        // are written once, in a table, and referred to by their place in it.
        var commits = new List<HistoryCommit>();
        var places = new Dictionary<string, int>(StringComparer.Ordinal);
        int Place(HistoryCommit c)
        {
            if (!places.TryGetValue(c.Sha, out var at))
            {
                places[c.Sha] = at = commits.Count;
                commits.Add(c);
            }
            return at;
        }
        var head = Place(facts.Head);
        var exports = facts.IcsExports.Select(e => (e, First: Place(e.FirstExported), Committed: e.HeadVersionCommitted is { } c ? Place(c) : -1)).ToList();
        var firsts = facts.FirstCommitted.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, Place(p.Value))).ToList();

        using var bytes = new MemoryStream();
        using (var w = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(SealedFile.Build.ToByteArray());
            w.Write(facts.Head.Sha);
            w.Write7BitEncodedInt(firstCommittedOf.Count);
            foreach (var p in firstCommittedOf) w.Write(p);
            w.Write7BitEncodedInt(commits.Count);
            foreach (var c in commits)
            {
                w.Write(c.Sha);
                w.Write7BitEncodedInt(c.ParentShas.Length);
                foreach (var p in c.ParentShas) w.Write(p);
                w.Write(c.AuthorName);
                w.Write(c.AuthorEmail);
                w.Write(c.AuthorTime.ToUnixTimeTicks());
                w.Write(c.CommitTime.ToUnixTimeTicks());
                w.Write(c.Subject);
            }
            w.Write7BitEncodedInt(head);
            w.Write7BitEncodedInt(exports.Count);
            foreach (var (e, first, committed) in exports)
            {
                w.Write(e.Path);
                w.Write(e.CertWindowId);
                w.Write(e.RosterSlotId);
                w.Write7BitEncodedInt(first);
                WriteOptional(w, e.FirstUid);
                w.Write7BitEncodedInt(committed + 1);
                WriteOptional(w, e.SlotStatusWhenHeadVersionCommitted);
            }
            w.Write7BitEncodedInt(firsts.Count);
            foreach (var (p, at) in firsts)
            {
                w.Write(p);
                w.Write7BitEncodedInt(at);
            }
        }
        return bytes.ToArray();
    }

    private static void WriteOptional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null) w.Write(value);
    }

    private static HistoryFacts? Parse(byte[] bytes, string headSha, List<string> firstCommittedOf)
    {
        var bodyLength = SealedFile.BodyLength(bytes, Magic, Magic.Length, "history facts file");
        using var r = new BinaryReader(new MemoryStream(bytes, 0, bodyLength, writable: false), new UTF8Encoding(false, throwOnInvalidBytes: true));
        r.ReadBytes(Magic.Length);
        if (r.ReadInt32() != FormatVersion || new Guid(r.ReadBytes(16)) != SealedFile.Build) return null; // another build's: worked out afresh
        if (r.ReadString() != headSha) throw new InvalidDataException("it holds the facts of another commit");
        var asked = Enumerable.Range(0, Count(r)).Select(_ => r.ReadString()).ToList();
        if (!asked.SequenceEqual(firstCommittedOf, StringComparer.Ordinal)) throw new InvalidDataException("it answers other paths");

        var commits = new HistoryCommit[Count(r)];
        for (var i = 0; i < commits.Length; i++)
        {
            commits[i] = new HistoryCommit(
                r.ReadString(),
                [.. Enumerable.Range(0, Count(r)).Select(_ => r.ReadString())],
                r.ReadString(),
                r.ReadString(),
                Instant.FromUnixTimeTicks(r.ReadInt64()),
                Instant.FromUnixTimeTicks(r.ReadInt64()),
                r.ReadString());
        }
        HistoryCommit At(int place) => place >= 0 && place < commits.Length ? commits[place] : throw new InvalidDataException("a commit reference is out of range");

        var head = At(r.Read7BitEncodedInt());
        var exports = ImmutableArray.CreateBuilder<IcsExportHistory>();
        for (var n = Count(r); n > 0; n--)
        {
            var (path, window, slot) = (r.ReadString(), r.ReadString(), r.ReadString());
            var first = At(r.Read7BitEncodedInt());
            var uid = ReadOptional(r);
            var committed = r.Read7BitEncodedInt() is var c and > 0 ? At(c - 1) : null;
            exports.Add(new IcsExportHistory(path, window, slot, first, uid, committed, ReadOptional(r)));
        }
        var firsts = ImmutableDictionary.CreateBuilder<string, HistoryCommit>(StringComparer.Ordinal);
        for (var n = Count(r); n > 0; n--) firsts[r.ReadString()] = At(r.Read7BitEncodedInt());
        if (r.BaseStream.Position != bodyLength) throw new InvalidDataException("bytes left after the facts");
        return new HistoryFacts(head, exports.ToImmutable(), firsts.ToImmutable());
    }

    /// <summary>A count of things that each take at least one byte, so never more than the bytes left.</summary>
    private static int Count(BinaryReader r)
    {
        var count = r.Read7BitEncodedInt();
        return count >= 0 && count <= r.BaseStream.Length - r.BaseStream.Position ? count : throw new InvalidDataException($"count {count} does not fit the data");
    }

    private static string? ReadOptional(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
