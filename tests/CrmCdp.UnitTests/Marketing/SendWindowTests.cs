using CrmCdp.Web.Modules.Marketing.Journeys;

namespace CrmCdp.UnitTests.Marketing;

public sealed class SendWindowTests
{
    private static readonly TimeOnly Nine = new(21, 0);
    private static readonly TimeOnly Eight = new(8, 0);
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public void Outside_quiet_hours_a_send_goes_now()
    {
        var now = new DateTimeOffset(2026, 12, 8, 14, 30, 12, TimeSpan.Zero);
        Assert.Equal(now, SendWindow.NextAllowed(now, TimeZoneInfo.Utc, Nine, Eight, businessDaysOnly: false));
    }

    [Theory]
    [InlineData(23, 15)]
    [InlineData(2, 0)]
    [InlineData(7, 59)]
    public void In_quiet_hours_over_midnight_a_send_waits_for_their_end_in_the_persons_zone(int hour, int minute)
    {
        // Paris is UTC+1 in December: 08:00 there is 07:00 UTC.
        var local = new DateTimeOffset(2026, 12, hour >= 21 ? 8 : 9, hour, minute, 30, TimeSpan.FromHours(1));
        var allowed = SendWindow.NextAllowed(local.ToUniversalTime(), Paris, Nine, Eight, businessDaysOnly: false);
        Assert.Equal(new DateTimeOffset(2026, 12, 9, 7, 0, 0, TimeSpan.Zero), allowed);
    }

    [Fact]
    public void A_quiet_window_within_a_day_holds_between_its_ends()
    {
        var lunch = (From: new TimeOnly(12, 0), To: new TimeOnly(13, 30));
        var now = new DateTimeOffset(2026, 12, 8, 12, 45, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 13, 30, 0, TimeSpan.Zero), SendWindow.NextAllowed(now, TimeZoneInfo.Utc, lunch.From, lunch.To, false));
        Assert.Equal(now.AddHours(2), SendWindow.NextAllowed(now.AddHours(2), TimeZoneInfo.Utc, lunch.From, lunch.To, false));
    }

    [Fact]
    public void On_business_days_only_a_saturday_send_waits_for_monday_morning_after_quiet_hours()
    {
        var saturday = new DateTimeOffset(2026, 12, 12, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(DayOfWeek.Saturday, saturday.DayOfWeek);
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero), SendWindow.NextAllowed(saturday, TimeZoneInfo.Utc, Nine, Eight, businessDaysOnly: true));
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 0, 0, 0, TimeSpan.Zero), SendWindow.NextAllowed(saturday, TimeZoneInfo.Utc, null, null, businessDaysOnly: true));
    }

    [Fact]
    public void The_persons_timezone_trait_wins_over_the_journeys_and_a_bad_one_falls_back()
    {
        Assert.Equal(Paris.Id, SendWindow.ZoneOf("Europe/Paris", "America/New_York").Id);
        Assert.Equal("America/New_York", SendWindow.ZoneOf("Mars/Olympus", "America/New_York").Id);
        Assert.Equal(TimeZoneInfo.Utc.Id, SendWindow.ZoneOf(null, null).Id);
    }
}
