namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>Time buckets on the clock of a zone: where each starts, one after another over a range, with none left out.</summary>
internal static class InsightBuckets
{
    public static TimeZoneInfo Zone(string? id) => id is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);

    /// <summary>The PostgreSQL date_trunc unit of an interval; null when it is not one.</summary>
    public static string? Step(string? interval) => interval is "hour" or "day" or "week" or "month" ? interval : null;

    /// <summary>The local start of the bucket holding a local moment (weeks start on Monday, as date_trunc's).</summary>
    public static DateTime Start(DateTime local, string interval) => interval switch
    {
        "hour" => new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0),
        "day" => local.Date,
        "week" => local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7)),
        _ => new DateTime(local.Year, local.Month, 1),
    };

    public static DateTime Next(DateTime start, string interval) => interval switch
    {
        "hour" => start.AddHours(1),
        "day" => start.AddDays(1),
        "week" => start.AddDays(7),
        _ => start.AddMonths(1),
    };

    /// <summary>Every bucket start (local) from the one holding <paramref name="from"/> to the last before <paramref name="to"/>.</summary>
    public static IEnumerable<DateTime> All(DateTimeOffset from, DateTimeOffset to, string interval, TimeZoneInfo zone)
    {
        var end = TimeZoneInfo.ConvertTime(to, zone).DateTime;
        for (var start = Start(TimeZoneInfo.ConvertTime(from, zone).DateTime, interval); start < end; start = Next(start, interval))
        {
            yield return start;
        }
    }

    public static int Count(DateTimeOffset from, DateTimeOffset to, string interval) => All(from, to, interval, TimeZoneInfo.Utc).Take(100_000).Count();

    /// <summary>A local bucket start as a moment, with the zone's offset at that time.</summary>
    public static DateTimeOffset Moment(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.IsInvalidTime(unspecified) ? zone.GetUtcOffset(unspecified.AddHours(1)) : zone.GetUtcOffset(unspecified));
    }

    /// <summary>The window as a span; null when it is not one (an amount too large for a span is none either).</summary>
    public static TimeSpan? Window(InsightWindow? window) => window switch
    {
        { Amount: > 1_000_000 } => null,
        { Amount: > 0, Unit: "minutes" } => TimeSpan.FromMinutes(window.Amount),
        { Amount: > 0, Unit: "hours" } => TimeSpan.FromHours(window.Amount),
        { Amount: > 0, Unit: "days" } => TimeSpan.FromDays(window.Amount),
        _ => null,
    };
}
