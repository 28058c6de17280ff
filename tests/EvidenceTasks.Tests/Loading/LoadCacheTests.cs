using EvidenceTasks.IO.Loading;
using Xunit;

namespace EvidenceTasks.Tests.Loading;

public sealed class LoadCacheTests
{
    private static EvidenceLoader.FileResult Result(string path) => new(path, new EvidenceSetBuilder(), []);

    [Fact]
    public void Given_two_threads_working_out_the_same_key_at_once_When_both_finish_Then_one_result_is_kept_for_both_and_counted_once()
    {
        var cache = new LoadCache();
        var entry = new SourceEntry("evidence/deficiencies/def-1.yaml", SourceEntryType.File, 1, "blob1");
        using var bothLoading = new Barrier(2);
        var loads = 0;

        var results = new EvidenceLoader.FileResult?[2];
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() => results[t] = cache.GetOrAdd(entry, () =>
        {
            Interlocked.Increment(ref loads);
            bothLoading.SignalAndWait(TimeSpan.FromSeconds(10)); // neither finishes before the other has started
            return Result(entry.Path);
        }))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(2, loads);
        Assert.Equal(1, cache.Misses);
        Assert.Equal(1, cache.Count);
        Assert.Same(results[0], results[1]);
    }

    [Fact]
    public void Given_an_entry_without_a_content_key_When_loaded_twice_Then_it_is_loaded_each_time_and_not_kept()
    {
        var cache = new LoadCache();
        var entry = new SourceEntry("evidence/deficiencies/def-1.yaml", SourceEntryType.File, 1);

        var first = cache.GetOrAdd(entry, () => Result(entry.Path));
        var second = cache.GetOrAdd(entry, () => Result(entry.Path));

        Assert.NotSame(first, second);
        Assert.Equal(2, cache.Misses);
        Assert.Equal(0, cache.Count);
    }
}
