using EvidenceTasks.Core.History;

namespace EvidenceTasks.Tests.History;

public class IcsTextTests
{
    [Fact]
    public void Given_folded_uid_and_sequence_When_read_Then_unfolded_values_and_first_line()
    {
        const string ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:us_t14_2027_01_14@cert.\r\n studio.example\r\nSEQUENCE:3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        Assert.Equal("us_t14_2027_01_14@cert.studio.example", IcsText.Uid(ics));
        Assert.Equal(3, IcsText.UidLine(ics));
        Assert.Equal(3, IcsText.Sequence(ics));
    }

    [Fact]
    public void Given_no_sequence_When_read_Then_zero_and_a_bad_one_is_null()
    {
        Assert.Equal(0, IcsText.Sequence("BEGIN:VEVENT\nUID:x\nEND:VEVENT\n"));
        Assert.Null(IcsText.Sequence("BEGIN:VEVENT\nSEQUENCE:two\nEND:VEVENT\n"));
        Assert.Null(IcsText.Uid("BEGIN:VEVENT\nEND:VEVENT\n"));
    }

    [Fact]
    public void Given_a_property_with_parameters_When_read_Then_the_name_before_the_semicolon_matches()
    {
        Assert.Equal(7, IcsText.Sequence("SEQUENCE;X-NOTE=a:7\n"));
        Assert.Null(IcsText.Uid("X-UID:nope\n"));
    }
}
