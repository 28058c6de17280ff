using System.Collections.Concurrent;

namespace EvidenceTasks.IO.Loading;

/// <summary>
/// Per-file load results keyed by (path, content key: a git blob id), safe to share across loads and threads. A result
/// is a function of the file's path and bytes (and of this build), so a blob loaded once need not be read again: in one
/// run (a replay visits each blob once however many commits hold it) and, through <see cref="LoadCacheFile"/>, between
/// runs (a pull request's gate takes the results of the files it does not change from the run before).
/// </summary>
public sealed class LoadCache
{
    private readonly ConcurrentDictionary<(string Path, string Key), EvidenceLoader.FileResult> _results = new();
    private readonly LoadCacheFile.Stored? _stored;
    private long _misses;
    private long _restored;

    public LoadCache()
    {
    }

    internal LoadCache(LoadCacheFile.Stored stored) => _stored = stored;

    /// <summary>How many files were actually read and parsed (a hit costs nothing).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>How many results came from the stored cache file (decoded, not loaded).</summary>
    public long Restored => Interlocked.Read(ref _restored);

    /// <summary>Results held: each was used in this run (stored results not asked for are not decoded, so not held).</summary>
    public int Count => _results.Count;

    /// <summary>How many results the cache file held when it was opened (0 without one).</summary>
    public int StoredCount => _stored?.Count ?? 0;

    /// <summary>The result for <paramref name="entry"/>: held or stored when it has a content key, else <paramref name="load"/>ed (and not kept).</summary>
    internal EvidenceLoader.FileResult GetOrAdd(SourceEntry entry, Func<EvidenceLoader.FileResult> load)
    {
        if (entry.ContentKey is null)
        {
            Interlocked.Increment(ref _misses);
            return load();
        }
        // A symlink's blob holds its target's text, which a regular file may hold too; the two load differently.
        var key = (entry.Path, entry.Type == SourceEntryType.Symlink ? "symlink:" + entry.ContentKey : entry.ContentKey!);
        if (_results.TryGetValue(key, out var held)) return held;
        var restored = _stored?.Decode(key);
        var result = restored ?? load();
        // Two threads may ask for one key at once (the history's loads run beside the working tree's): both work it out,
        // the first to add it is kept, and only that one is counted.
        if (!_results.TryAdd(key, result)) return _results[key];
        Interlocked.Increment(ref restored is null ? ref _misses : ref _restored);
        return result;
    }

    /// <summary>Every result held, in no particular order (entries may be added meanwhile).</summary>
    internal IEnumerable<KeyValuePair<(string Path, string Key), EvidenceLoader.FileResult>> Entries => _results;

    /// <summary>The results used in this run, in (path, key) order: what <see cref="LoadCacheFile.Save"/> writes.</summary>
    internal IEnumerable<KeyValuePair<(string Path, string Key), EvidenceLoader.FileResult>> Used =>
        _results.OrderBy(r => r.Key.Path, StringComparer.Ordinal).ThenBy(r => r.Key.Key, StringComparer.Ordinal);
}
