namespace CrmCdp.Web.Modules.Crm.Tickets;

/// <summary>
/// Working hours (one time zone, the same hours on each working day) and holidays. SLA targets count only
/// business time: a 4-hour target set at 16:00 on a Friday of a 9–17 week falls due at 11:00 on Monday.
/// </summary>
public sealed class BusinessCalendar
{
    public string TimeZoneId { get; init; } = "UTC";

    public IReadOnlySet<DayOfWeek> WorkDays { get; init; } = new HashSet<DayOfWeek>
    {
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
    };

    public TimeOnly Opens { get; init; } = new(9, 0);

    public TimeOnly Closes { get; init; } = new(17, 0);

    public IReadOnlySet<DateOnly> Holidays { get; init; } = new HashSet<DateOnly>();

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>The moment <paramref name="minutes"/> business minutes after <paramref name="start"/>.</summary>
    public DateTimeOffset AddBusinessMinutes(DateTimeOffset start, int minutes)
    {
        var zone = Zone;
        var local = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        var remaining = TimeSpan.FromMinutes(minutes);
        for (var guard = 0; guard < 3660; guard++)
        {
            var day = DateOnly.FromDateTime(local);
            var open = day.ToDateTime(Opens);
            var close = day.ToDateTime(Closes);
            if (IsWorkDay(day) && local < close)
            {
                var from = local < open ? open : local;
                var available = close - from;
                if (remaining <= available)
                {
                    return ToOffset(from + remaining, zone);
                }

                remaining -= available;
            }

            local = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        }

        throw new InvalidOperationException("The calendar has no working time within ten years.");
    }

    /// <summary>Business minutes between two moments (0 when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public int BusinessMinutesBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return 0;
        }

        var zone = Zone;
        var start = TimeZoneInfo.ConvertTime(from, zone).DateTime;
        var end = TimeZoneInfo.ConvertTime(to, zone).DateTime;
        var total = TimeSpan.Zero;
        for (var day = DateOnly.FromDateTime(start); day <= DateOnly.FromDateTime(end); day = day.AddDays(1))
        {
            if (!IsWorkDay(day))
            {
                continue;
            }

            var open = day.ToDateTime(Opens);
            var close = day.ToDateTime(Closes);
            var a = start > open ? start : open;
            var b = end < close ? end : close;
            if (b > a)
            {
                total += b - a;
            }
        }

        return (int)total.TotalMinutes;
    }

    private bool IsWorkDay(DateOnly day) => WorkDays.Contains(day.DayOfWeek) && !Holidays.Contains(day);

    private static DateTimeOffset ToOffset(DateTime local, TimeZoneInfo zone) => new(local, zone.GetUtcOffset(local));
}
