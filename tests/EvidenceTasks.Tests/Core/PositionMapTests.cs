using EvidenceTasks.Core;

namespace EvidenceTasks.Tests.Core;

public class PositionMapTests
{
    [Fact]
    public void Given_equal_strings_built_separately_When_shared_Then_one_instance_serves_both_until_the_pool_is_full()
    {
        // A pool of its own: the process's pool is shared with every other test and may already be full.
        var pool = new PointerPool(capacity: 2);
        var a = PositionMap.Child(string.Empty, "severity");
        var b = PositionMap.Child(string.Empty, "severity");
        Assert.NotSame(a, b);
        Assert.Same(pool.Share(a), pool.Share(b));
        Assert.Equal("/severity", pool.Share(b));
        var status = pool.Share(PositionMap.Child(string.Empty, "status"));
        Assert.NotSame(status, pool.Share(a));

        // Full: a new string comes back as it is, and what was shared stays shared.
        var late = PositionMap.Child(string.Empty, "summary");
        Assert.Same(late, pool.Share(late));
        Assert.Same(a, pool.Share(b));
    }

    [Fact]
    public void Given_a_pointer_past_its_documents_share_When_shared_Then_it_is_returned_as_is_and_not_pooled()
    {
        var past = PositionMap.Child(string.Empty, "field_" + Guid.NewGuid().ToString("N"));
        var copy = new string(past.AsSpan());
        Assert.Same(past, PositionMap.Shared(past, PositionMap.SharedPerDocument));
        // Had it entered the pool, an equal string early in another document would come back as `past`.
        Assert.Same(copy, PositionMap.Shared(copy, 0));
    }

    [Fact]
    public void Given_a_parser_owned_dictionary_When_the_map_owns_it_Then_lookups_fall_back_to_the_nearest_ancestor()
    {
        var map = PositionMap.Own(new Dictionary<string, TextPosition>(StringComparer.Ordinal)
        {
            ["/slots"] = new(2, 1),
            ["/slots/0"] = new(3, 5),
        });
        Assert.Equal(new TextPosition(3, 5), map.Find("/slots/0/bindings/1"));
        Assert.Equal(new TextPosition(2, 1), map.Find("/slots/7"));
        Assert.Equal(TextPosition.Start, map.Find("/other"));
    }
}
