using System.Security.Cryptography;
using System.Text;

namespace EvidenceTasks.IO.Loading;

/// <summary>
/// The <see cref="LoadCache"/> kept between runs, one file in the repository's git directory
/// (<c>.git/evidence-tasks/load-cache.bin</c>): never in the working tree, so it is neither evidence nor committed.
/// It is valid only for the build that wrote it (the loader, binder and built-in schemas decide what a file becomes),
/// and it is sealed with a SHA-256 so a torn or damaged file is noticed and ignored, never half-used
/// (docs/performance.md, "The load cache").
/// </summary>
public static class LoadCacheFile
{
    private static readonly byte[] Magic = "ETLC"u8.ToArray();
    private const int FormatVersion = 1;

    /// <summary>Where the cache of the repository whose git directory is <paramref name="gitDirectory"/> lives.</summary>
    public static string PathIn(string gitDirectory) => System.IO.Path.Combine(gitDirectory, "evidence-tasks", "load-cache.bin");

    /// <summary>
    /// The cache stored at <paramref name="path"/>; an empty one when there is none or it was written by another build.
    /// A damaged file is reported in <paramref name="problem"/> and treated as absent.
    /// </summary>
    public static LoadCache Open(string path, out string? problem)
    {
        problem = null;
        byte[] bytes;
        try
        {
            if (!File.Exists(path)) return new LoadCache();
            bytes = ReadUninitialized(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = e.Message;
            return new LoadCache();
        }
        try
        {
            return Parse(bytes) is { } stored ? new LoadCache(stored) : new LoadCache();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException or DecoderFallbackException)
        {
            problem = e.Message;
            return new LoadCache();
        }
    }

    /// <summary>
    /// Whether writing <paramref name="cache"/> back is worth its cost: when it loaded more than 1 % of its files (a first
    /// run, a new build, a large change). A run that loaded a handful leaves the file as it is; those few are loaded again
    /// until enough accumulate.
    /// </summary>
    public static bool WorthSaving(LoadCache cache) => cache.Misses > 0 && (cache.StoredCount == 0 || cache.Misses * 100 > cache.Count);

    /// <summary>Writes the results <paramref name="cache"/> used in this run (only those: the file does not grow with history), atomically.</summary>
    public static void Save(string path, LoadCache cache)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        // Streamed to the file, hashed on the way: building the ~70 MB in memory first cost the garbage collector more
        // (large buffers, collected with everything the gate holds) than the encoding itself.
        AtomicFile.Replace(path, file =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using (var w = new BinaryWriter(new HashingStream(file, hash), Encoding.UTF8, leaveOpen: true))
            {
                w.Write(Magic);
                w.Write(FormatVersion);
                w.Write(LoadResultCodec.FormatVersion);
                w.Write(SealedFile.Build.ToByteArray());
                var used = cache.Used.ToList();
                w.Write(used.Count);
                using var entry = new MemoryStream();
                using var entryWriter = new BinaryWriter(entry, Encoding.UTF8, leaveOpen: true);
                foreach (var ((filePath, key), result) in used)
                {
                    entry.SetLength(0);
                    LoadResultCodec.Write(entryWriter, result);
                    entryWriter.Flush();
                    w.Write(filePath);
                    w.Write(key);
                    w.Write((int)entry.Length);
                    w.Write(entry.GetBuffer(), 0, (int)entry.Length);
                }
            }
            file.Write(hash.GetHashAndReset());
        });
    }

    /// <summary>Passes writes on to <paramref name="inner"/> and into <paramref name="hash"/>: the seal of what was written.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>File.ReadAllBytes without zeroing tens of megabytes first that the read then overwrites.</summary>
    private static byte[] ReadUninitialized(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (length > int.MaxValue) throw new InvalidDataException("the file is over 2 GiB");
        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (n == 0) throw new InvalidDataException("the file shrank while it was read");
            read += n;
        }
        return bytes;
    }

    /// <param name="anyBuild">For benchmarks only, which decode with the same codec built into another assembly.</param>
    internal static Stored? Parse(byte[] bytes, bool anyBuild = false)
    {
        var headerLength = Magic.Length + sizeof(int) + sizeof(int) + 16 + sizeof(int);
        var body = bytes.AsSpan(0, SealedFile.BodyLength(bytes, Magic, headerLength, "load cache"));
        var at = Magic.Length;
        // The build's id alone would do (the codec is part of it); the versions make a format change explicit.
        if (Int32(bytes, ref at) != FormatVersion || Int32(bytes, ref at) != LoadResultCodec.FormatVersion
            || (new Guid(bytes.AsSpan(at, 16)) != SealedFile.Build && !anyBuild))
            return null; // another build's: start afresh
        at += 16;
        var count = Int32(bytes, ref at);
        if (count < 0 || count > body.Length - at) throw new InvalidDataException($"count {count} does not fit the file");
        var index = new Dictionary<StoredKey, (int Offset, int Length)>(count, new StoredKeyComparer(bytes));
        for (var i = 0; i < count; i++)
        {
            var (pathAt, pathLength) = StringAt(bytes, body.Length, ref at);
            var (keyAt, keyLength) = StringAt(bytes, body.Length, ref at);
            var length = Int32(bytes, ref at);
            if (length < 0 || length > body.Length - at) throw new InvalidDataException("an entry runs past the end of the file");
            index[new StoredKey(pathAt, pathLength, keyAt, keyLength)] = (at, length);
            at += length;
        }
        return new Stored(bytes, index);
    }

    private static int Int32(byte[] bytes, ref int at)
    {
        if (at > bytes.Length - sizeof(int)) throw new EndOfStreamException();
        var value = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
        at += sizeof(int);
        return value;
    }

    /// <summary>Where a string <see cref="BinaryWriter.Write(string)"/> wrote lies (its UTF-8 bytes, after their 7-bit length).</summary>
    private static (int At, int Length) StringAt(byte[] bytes, int end, ref int at)
    {
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (at >= end || shift > 28) throw new InvalidDataException("a bad string length");
            var b = bytes[at++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        if (length < 0 || length > end - at) throw new InvalidDataException("a string runs past the end of the file");
        var start = at;
        at += length;
        return (start, length);
    }

    /// <summary>A stored (path, key) by where its UTF-8 bytes lie in the file: opening the cache makes no string.</summary>
    internal readonly record struct StoredKey(int PathAt, int PathLength, int KeyAt, int KeyLength);

    /// <summary>
    /// Compares stored keys by their bytes, and a (path, key) a load asks for with a stored one by its UTF-8 encoding
    /// (the dictionary's alternate lookup), so 95,000 stored keys cost no string each: the strings were a quarter of
    /// the time to open the cache and 25 MB the collector carried through the whole run.
    /// </summary>
    private sealed class StoredKeyComparer(byte[] bytes) : IEqualityComparer<StoredKey>, IAlternateEqualityComparer<(string Path, string Key), StoredKey>
    {
        public bool Equals(StoredKey a, StoredKey b) =>
            Path(a).SequenceEqual(Path(b)) && Key(a).SequenceEqual(Key(b));

        public int GetHashCode(StoredKey k) => Hash(Path(k), Key(k));

        public int GetHashCode((string Path, string Key) asked)
        {
            var (buffer, pathLength, keyLength) = Utf8(asked);
            return Hash(buffer.AsSpan(0, pathLength), buffer.AsSpan(pathLength, keyLength));
        }

        public bool Equals((string Path, string Key) asked, StoredKey k)
        {
            var (buffer, pathLength, keyLength) = Utf8(asked);
            return buffer.AsSpan(0, pathLength).SequenceEqual(Path(k)) && buffer.AsSpan(pathLength, keyLength).SequenceEqual(Key(k));
        }

        public StoredKey Create((string Path, string Key) asked) => throw new NotSupportedException("the stored cache is read-only");

        private ReadOnlySpan<byte> Path(StoredKey k) => bytes.AsSpan(k.PathAt, k.PathLength);

        private ReadOnlySpan<byte> Key(StoredKey k) => bytes.AsSpan(k.KeyAt, k.KeyLength);

        private static int Hash(ReadOnlySpan<byte> path, ReadOnlySpan<byte> key)
        {
            var hash = new HashCode();
            hash.AddBytes(path);
            hash.Add(path.Length); // ("ab", "c") and ("a", "bc") differ
            hash.AddBytes(key);
            return hash.ToHashCode();
        }

        /// <summary>Each loading thread's buffer for the UTF-8 of the (path, key) it asks about.</summary>
        [ThreadStatic]
        private static byte[]? t_utf8;

        private static (byte[] Buffer, int PathLength, int KeyLength) Utf8((string Path, string Key) asked)
        {
            var most = Encoding.UTF8.GetMaxByteCount(asked.Path.Length) + Encoding.UTF8.GetMaxByteCount(asked.Key.Length);
            var buffer = t_utf8 is { } held && held.Length >= most ? held : t_utf8 = new byte[Math.Max(most, 512)];
            var pathLength = Encoding.UTF8.GetBytes(asked.Path, buffer);
            return (buffer, pathLength, Encoding.UTF8.GetBytes(asked.Key, buffer.AsSpan(pathLength)));
        }
    }

    /// <summary>A read cache file: its bytes and where each result lies; a result is decoded only when a load asks for it.</summary>
    internal sealed class Stored(byte[] bytes, Dictionary<StoredKey, (int Offset, int Length)> index)
    {
        private readonly Dictionary<StoredKey, (int Offset, int Length)>.AlternateLookup<(string Path, string Key)> _lookup =
            index.GetAlternateLookup<(string Path, string Key)>();

        public int Count => index.Count;

        /// <summary>The (path, key) of every stored result, in no particular order (for benchmarks).</summary>
        public IEnumerable<(string Path, string Key)> Keys =>
            index.Keys.Select(k => (Encoding.UTF8.GetString(bytes, k.PathAt, k.PathLength), Encoding.UTF8.GetString(bytes, k.KeyAt, k.KeyLength)));

        public EvidenceLoader.FileResult? Decode((string Path, string Key) key)
        {
            if (!_lookup.TryGetValue(key, out var at)) return null;
            try
            {
                return LoadResultCodec.Read(bytes, at.Offset, at.Length, key.Path);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                return null; // the seal held, so only a codec fault gets here; the file is loaded instead, as on a miss
            }
        }
    }
}
