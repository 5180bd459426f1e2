using CrmCdp.Web.Modules.Crm.Tickets;

namespace CrmCdp.UnitTests.Crm;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar NineToFive = new() { Holidays = new HashSet<DateOnly> { new(2026, 12, 25) } };

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(11, 23, 10, 60, 11, 23, 11)]   // Monday 10:00 + 1 h → 11:00
    [InlineData(11, 27, 16, 240, 11, 30, 12)]  // Friday 16:00 + 4 h → Monday 12:00 (1 h Friday, 3 h Monday)
    [InlineData(11, 28, 12, 30, 11, 30, 9)]    // Saturday noon + 30 min → Monday 09:30 (minute checked below)
    [InlineData(11, 23, 7, 60, 11, 23, 10)]    // before opening: the clock starts at 09:00
    [InlineData(12, 24, 16, 120, 12, 28, 10)]  // Thursday 24 Dec 16:00 + 2 h, skipping Christmas and the weekend
    public void Targets_fall_due_in_business_time(int month, int day, int hour, int minutes, int dueMonth, int dueDay, int dueHour)
    {
        var due = NineToFive.AddBusinessMinutes(Utc(month, day, hour), minutes);

        Assert.Equal((dueMonth, dueDay, dueHour), (due.Month, due.Day, due.Hour));
    }

    [Fact]
    public void Business_minutes_between_skip_nights_weekends_and_holidays()
    {
        Assert.Equal(30, NineToFive.AddBusinessMinutes(Utc(11, 28, 12), 30).Minute);
        Assert.Equal(60 + 180, NineToFive.BusinessMinutesBetween(Utc(11, 27, 16), Utc(11, 30, 12)));
        Assert.Equal(0, NineToFive.BusinessMinutesBetween(Utc(11, 28, 8), Utc(11, 29, 20)));
        Assert.Equal(60, NineToFive.BusinessMinutesBetween(Utc(12, 24, 16), Utc(12, 28, 9)));
    }

    [Fact]
    public void A_time_zone_moves_the_working_hours()
    {
        var berlin = new BusinessCalendar { TimeZoneId = "Europe/Berlin" };

        var due = berlin.AddBusinessMinutes(Utc(11, 23, 7), 60);   // 08:00 in Berlin: opens at 09:00 local = 08:00 UTC

        Assert.Equal(Utc(11, 23, 9), due.ToUniversalTime());
    }
}
