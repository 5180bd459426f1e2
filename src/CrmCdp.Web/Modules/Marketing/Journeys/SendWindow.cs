namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>
/// When a journey may send email: outside its quiet hours and, if it says so, on business days (Monday to Friday), in
/// the person's time zone (their <c>timezone</c> trait, an IANA id) or else the journey's.
/// </summary>
internal static class SendWindow
{
    /// <summary><paramref name="now"/> when sending is allowed then; otherwise the first allowed moment after it.</summary>
    public static DateTimeOffset NextAllowed(DateTimeOffset now, TimeZoneInfo zone, TimeOnly? quietFrom, TimeOnly? quietTo, bool businessDaysOnly)
    {
        var at = now;
        // Minute steps over at most eight days: quiet hours end on a minute, and weekends end within them.
        for (var i = 0; i < 8 * 24 * 60 && !Allowed(TimeZoneInfo.ConvertTime(at, zone), quietFrom, quietTo, businessDaysOnly); i++)
        {
            at = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);
        }

        return at;
    }

    /// <summary>The person's zone when their <c>timezone</c> trait names one, else the fallback.</summary>
    public static TimeZoneInfo ZoneOf(object? timezoneTrait, string? fallback) =>
        timezoneTrait is string id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var personal) ? personal
        : fallback is not null && TimeZoneInfo.TryFindSystemTimeZoneById(fallback, out var journey) ? journey
        : TimeZoneInfo.Utc;

    private static bool Allowed(DateTimeOffset local, TimeOnly? quietFrom, TimeOnly? quietTo, bool businessDaysOnly)
    {
        if (businessDaysOnly && local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }

        if (quietFrom is not { } from || quietTo is not { } to || from == to)
        {
            return true;
        }

        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        // A window over midnight (21:00–08:00) is quiet before its end or from its start; one within a day, between them.
        var quiet = from < to ? time >= from && time < to : time >= from || time < to;
        return !quiet;
    }
}
