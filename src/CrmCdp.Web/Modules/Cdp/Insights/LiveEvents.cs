using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

public sealed record MinuteCount(DateTimeOffset T, long Count);

/// <param name="ProfileId">The person it was resolved to; null while resolution has not reached it.</param>
public sealed record LiveEvent(long Id, string Type, string? Name, string Source, Guid? ProfileId, DateTimeOffset Timestamp, DateTimeOffset ReceivedAt);

public sealed record LiveEventsResult(IReadOnlyList<MinuteCount> PerMinute, IReadOnlyList<LiveEvent> Events);

/// <summary>
/// The live view: events as they arrive (by the time they were received), per minute and the latest ones, read through
/// each source's (source_id, received_at) index. No payloads: only what happened, where from and to whom.
/// </summary>
internal sealed class LiveEvents(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    public const int MaxMinutes = 60;
    public const int MaxEvents = 200;

    public async Task<OperationResult<LiveEventsResult>> LatestAsync(AccessContext access, int? minutes, int? limit, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.InsightsRead))
        {
            return OperationResult<LiveEventsResult>.Forbidden(InsightAccess.Denied);
        }

        if (minutes is not null and not (>= 1 and <= MaxMinutes))
        {
            return OperationResult<LiveEventsResult>.Invalid("minutes", $"Look back 1 to {MaxMinutes} minutes.");
        }

        if (limit is not null and not (>= 1 and <= MaxEvents))
        {
            return OperationResult<LiveEventsResult>.Invalid("limit", $"List 1 to {MaxEvents} events.");
        }

        var now = timeProvider.GetUtcNow();
        var first = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1 - (minutes ?? 15));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT date_trunc('minute', e.received_at), count(*) FROM cdp_sources s JOIN cdp_events e ON e.source_id = s.id AND e.received_at >= @since GROUP BY 1;
            SELECT l.id, l.type, l.event, s.name, (SELECT o.profile_id FROM cdp_event_profiles o WHERE o.event_id = l.id AND o."timestamp" = l."timestamp"), l."timestamp", l.received_at
            FROM cdp_sources s CROSS JOIN LATERAL (
                SELECT e.id, e.type, e.event, e."timestamp", e.received_at FROM cdp_events e
                WHERE e.source_id = s.id AND e.received_at >= @since ORDER BY e.received_at DESC LIMIT @limit) l
            ORDER BY l.received_at DESC, l.id DESC LIMIT @limit;
            """, (NpgsqlConnection)db.Database.GetDbConnection()) { CommandTimeout = InsightAccess.TimeLimitSeconds };
        command.Parameters.AddWithValue("since", first);
        command.Parameters.AddWithValue("limit", limit ?? 50);
        var counts = new Dictionary<DateTimeOffset, long>();
        var events = new List<LiveEvent>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetFieldValue<DateTimeOffset>(0)] = reader.GetInt64(1);
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new LiveEvent(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6)));
            }
        }

        var perMinute = Enumerable.Range(0, minutes ?? 15).Select(i => first.AddMinutes(i)).Select(t => new MinuteCount(t, counts.GetValueOrDefault(t))).ToList();
        return OperationResult<LiveEventsResult>.Ok(new LiveEventsResult(perMinute, events));
    }
}
