using EvidenceTasks.Core.Roster;
using NodaTime;

namespace EvidenceTasks.Tests.Roster;

public class LocalTimeLabelTests
{
    [Theory]
    [InlineData("2027-01-15T01:00:00Z", "America/Los_Angeles", "Thu 14 Jan 2027 17:00 PST")]
    [InlineData("2027-03-14T09:59:59Z", "America/Los_Angeles", "Sun 14 Mar 2027 01:59 PST")]
    [InlineData("2027-03-14T10:00:00Z", "America/Los_Angeles", "Sun 14 Mar 2027 03:00 PDT")]
    [InlineData("2027-03-14T21:00:00Z", "America/Los_Angeles", "Sun 14 Mar 2027 14:00 PDT")]
    [InlineData("2027-11-07T08:30:00Z", "America/Los_Angeles", "Sun 07 Nov 2027 01:30 PDT")]
    [InlineData("2027-11-07T09:30:00Z", "America/Los_Angeles", "Sun 07 Nov 2027 01:30 PST")]
    [InlineData("2027-03-28T00:59:59Z", "Europe/Berlin", "Sun 28 Mar 2027 01:59 CET")]
    [InlineData("2027-03-28T01:00:00Z", "Europe/Berlin", "Sun 28 Mar 2027 03:00 CEST")]
    [InlineData("2027-01-15T08:00:00Z", "Europe/Berlin", "Fri 15 Jan 2027 09:00 CET")]
    [InlineData("2027-03-28T09:00:00Z", "Asia/Tokyo", "Sun 28 Mar 2027 18:00 JST")]
    public void Given_an_instant_and_a_zone_When_labelled_Then_local_time_with_the_abbreviation_at_that_instant(string utc, string zone, string expected) =>
        Assert.Equal(expected, LocalTimeLabel.Format(EvidenceTasks.Core.Timestamps.Parse(utc), zone));

    [Fact]
    public void Given_an_unknown_zone_When_labelled_Then_argument_exception() =>
        Assert.Throws<ArgumentException>(() => LocalTimeLabel.Format(Instant.FromUtc(2027, 1, 1, 0, 0), "Mars/Olympus"));
}
