using CrmCdp.Web.Modules.Cdp.Identity;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>
/// The people who did an event, as rows <c>pe</c> (id, "timestamp", properties, profile_id) that put each person in every
/// day, week or month they did it, read from the daily rollups (<c>cdp_profile_event_days</c>) for the whole UTC days of the
/// range and from the events for its partial first and last days. A rollup row stands for its first and last event:
/// those two fall in every bucket of the zone its day meets, since a UTC day meets at most two of the zone's weeks or
/// months, and two of its days when its offsets are whole hours (its days then start on whole hours, 23 or more apart). Duplicates are harmless to the distinct
/// count they feed, so the partial days may overlap when the range is shorter than a day.
/// </summary>
internal static class InsightRollupRows
{
    /// <summary>Whether people per <paramref name="interval"/> on the zone's clock can be counted from the rollups.</summary>
    public static bool CanCount(string interval, TimeZoneInfo zone) =>
        interval is "day" or "week" or "month"
        && (interval != "day" || (zone.BaseUtcOffset.Ticks % TimeSpan.TicksPerHour == 0
            && zone.GetAdjustmentRules().All(r => r.DaylightDelta.Ticks % TimeSpan.TicksPerHour == 0 && r.BaseUtcOffsetDelta.Ticks % TimeSpan.TicksPerHour == 0)));

    /// <summary>Whether the rollups are the cheaper read, by the tables' sizes as PostgreSQL last counted them (unknown ones are not).</summary>
    public static async Task<bool> ArePreferredAsync(NpgsqlConnection connection, double fromEventsPerRow, CancellationToken cancellationToken)
    {
        if (fromEventsPerRow <= 0)
        {
            return true;
        }

        await using var command = new NpgsqlCommand("""
            SELECT (SELECT reltuples FROM pg_class WHERE oid = 'cdp_event_profiles'::regclass) / nullif((SELECT reltuples FROM pg_class WHERE oid = 'cdp_profile_event_days'::regclass), 0)
            """, connection);
        return await command.ExecuteScalarAsync(cancellationToken) is float eventsPerRow && eventsPerRow >= fromEventsPerRow;
    }

    public static InsightEventRows People(string eventName, string prefix, DateTimeOffset from, DateTimeOffset to)
    {
        var firstDay = DateOnly.FromDateTime(from.UtcDateTime.Date == from.UtcDateTime ? from.UtcDateTime : from.UtcDateTime.Date.AddDays(1));
        var lastDay = DateOnly.FromDateTime(to.UtcDateTime.Date);
        var headTo = Min(new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), to.ToUniversalTime());
        var tailFrom = Max(new DateTimeOffset(lastDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), from.ToUniversalTime());
        var head = InsightEventRows.Compile(eventName, null, prefix + "h", withProfile: true, until: $"@{prefix}head_to");
        var tail = InsightEventRows.Compile(eventName, null, prefix + "t", withProfile: true, since: $"@{prefix}tail_from");
        var names = $"ARRAY[@{prefix}name]::text[]";
        var sql = $"""
            SELECT NULL::bigint AS id, t."timestamp", NULL::jsonb AS properties, d.profile_id
            FROM cdp_profile_event_days d CROSS JOIN LATERAL (VALUES (d.first_at), (d.last_at)) t("timestamp")
            WHERE d.day >= @{prefix}first_day AND d.day < @{prefix}last_day{EventMembership.NameFilter("d", "name", names, EventMembership.NamesTypes([eventName]))}
            UNION ALL
            {head.Sql}
            UNION ALL
            {tail.Sql}
            """;
        return new InsightEventRows(sql,
        [
            .. head.Parameters, .. tail.Parameters,
            new NpgsqlParameter($"{prefix}name", eventName),
            new NpgsqlParameter($"{prefix}first_day", firstDay),
            new NpgsqlParameter($"{prefix}last_day", lastDay),
            new NpgsqlParameter($"{prefix}head_to", headTo),
            new NpgsqlParameter($"{prefix}tail_from", tailFrom),
        ]);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
