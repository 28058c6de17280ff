using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EvidenceTasks.IO.Git;

/// <summary>
/// The regular files of git's index (<c>.git/index</c>, git's documented format versions 2 to 4) with their blob ids,
/// read straight from the file. LibGit2Sharp lists the same entries one marshalled object at a time, which took 0.3 s
/// of the gate's critical path at 95,000 files; this takes a tenth of that and can run beside git status. Anything it
/// does not handle (another version, a split or sparse index, SHA-256 ids, a file that does not check out) gives null,
/// and the caller lists the index through libgit2 instead.
/// </summary>
internal static class GitIndexFile
{
    private const int HashLength = 20; // SHA-1 repositories only: the caller asks libgit2 for any other object format
    private const int FixedEntryLength = 40 + HashLength + 2; // ten 32-bit stat fields, the id, the flags

    /// <summary>
    /// Every stage-0 entry whose mode is a regular file (100644 or 100755), as (path, blob id in lower-case hex), in
    /// index order; null when the file cannot be read with certainty.
    /// </summary>
    public static List<(string Path, string Blob)>? RegularFiles(string indexPath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(indexPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        try
        {
            return Parse(bytes);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidDataException)
        {
            return null;
        }
    }

    private static List<(string Path, string Blob)>? Parse(byte[] bytes)
    {
        if (bytes.Length < 12 + HashLength || !bytes.AsSpan(0, 4).SequenceEqual("DIRC"u8)) return null;
        // The file ends with the SHA-1 of everything before it: a torn read, or a file being rewritten, shows here.
        var body = bytes.AsSpan(0, bytes.Length - HashLength);
        if (!SHA1.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashLength))) return null;
        var version = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4));
        if (version is < 2 or > 4) return null;
        var count = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8));
        if (count > (uint)body.Length / FixedEntryLength) return null;

        var files = new List<(string Path, string Blob)>((int)count);
        var at = 12;
        var previous = Array.Empty<byte>(); // version 4 names each path by what it keeps of the previous one
        var path = new List<byte>(256);
        for (var i = 0; i < count; i++)
        {
            var entry = at;
            if (at + FixedEntryLength > body.Length) return null;
            var mode = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(entry + 24));
            var id = bytes.AsSpan(entry + 40, HashLength);
            var flags = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(entry + 40 + HashLength));
            at += FixedEntryLength;
            if ((flags & 0x4000) != 0)
            {
                if (version < 3) return null; // the extended bit is invalid before version 3
                at += 2; // skip-worktree and intent-to-add: libgit2's listing keeps such entries too
            }

            path.Clear();
            if (version == 4)
            {
                var strip = Varint(bytes, body.Length, ref at);
                if (strip > (ulong)previous.Length) return null;
                path.AddRange(previous.AsSpan(0, previous.Length - (int)strip));
            }
            var end = body[at..].IndexOf((byte)0);
            if (end < 0) return null;
            path.AddRange(body.Slice(at, end));
            at += end + 1;
            // Versions 2 and 3 pad each entry with NULs to a multiple of eight bytes (the name's own NUL included).
            if (version < 4) at = entry + ((at - entry + 7) & ~7);
            if (at > body.Length) return null;

            var name = path.ToArray();
            previous = name;
            var stage = (flags >> 12) & 3;
            if (stage != 0 || mode is not (0x81A4 or 0x81ED)) continue; // conflicts, symlinks, submodules, folders
            files.Add((Encoding.UTF8.GetString(name).Replace('\\', '/'), Convert.ToHexStringLower(id)));
        }

        // Extensions follow: a split index ("link") keeps most entries in another file, a sparse one ("sdir") folds
        // folders into single entries; either means the entries above are not the whole index.
        while (at + 8 <= body.Length)
        {
            var signature = body.Slice(at, 4);
            if (signature.SequenceEqual("link"u8) || signature.SequenceEqual("sdir"u8)) return null;
            var size = BinaryPrimitives.ReadUInt32BigEndian(body[(at + 4)..]);
            if (size > (uint)(body.Length - at - 8)) return null;
            at += 8 + (int)size;
        }
        return at == body.Length ? files : null;
    }

    /// <summary>git's offset varint (<c>decode_varint</c>): seven bits a byte, most significant first, each continuation adding one.</summary>
    private static ulong Varint(byte[] bytes, int end, ref int at)
    {
        if (at >= end) throw new InvalidDataException("index entry runs past the end");
        var c = bytes[at++];
        ulong value = (ulong)(c & 127);
        while ((c & 128) != 0)
        {
            if (at >= end || value >= 1UL << 56) throw new InvalidDataException("bad varint in the index");
            value += 1;
            c = bytes[at++];
            value = (value << 7) + (ulong)(c & 127);
        }
        return value;
    }
}
