using CrmCdp.Web.Modules.Marketing.Journeys;

namespace CrmCdp.UnitTests.Marketing;

public sealed class JourneyScheduleTests
{
    private static readonly DateTimeOffset First = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "2026-12-07T08:59:59Z", null)]
    [InlineData(null, "2026-12-07T09:00:00Z", "2026-12-07T09:00:00Z")]
    [InlineData(null, "2027-03-01T00:00:00Z", "2026-12-07T09:00:00Z")]
    [InlineData("daily", "2026-12-09T08:59:00Z", "2026-12-08T09:00:00Z")]
    [InlineData("daily", "2026-12-09T09:00:00Z", "2026-12-09T09:00:00Z")]
    [InlineData("weekly", "2026-12-20T23:00:00Z", "2026-12-14T09:00:00Z")]
    public void The_latest_occurrence_is_the_last_time_at_or_before_now(string? repeat, string now, string? expected)
    {
        var occurrence = JourneyScheduleJob.LatestOccurrence(new JourneyTrigger { At = First, Repeat = repeat }, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), occurrence);
    }
}
