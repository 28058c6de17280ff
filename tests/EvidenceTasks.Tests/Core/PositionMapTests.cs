using EvidenceTasks.Core;

namespace EvidenceTasks.Tests.Core;

public class PositionMapTests
{
    [Fact]
    public void Given_equal_pointers_built_separately_When_shared_Then_one_instance_serves_both()
    {
        var a = PositionMap.Child(string.Empty, "severity");
        var b = PositionMap.Child(string.Empty, "severity");
        Assert.NotSame(a, b);
        Assert.Same(PositionMap.Shared(a), PositionMap.Shared(b));
        Assert.Equal("/severity", PositionMap.Shared(b));
        Assert.NotSame(PositionMap.Shared(PositionMap.Child(string.Empty, "status")), PositionMap.Shared(a));
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
