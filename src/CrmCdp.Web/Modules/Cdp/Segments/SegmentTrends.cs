using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <param name="Sizes">The member count at the end of each of the last days, oldest first (today's is the count now).</param>
public sealed record SegmentTrend(IReadOnlyList<long> Sizes, DateTimeOffset? LastChangeAt);

/// <summary>Every segment's size over the last days, rebuilt backwards from today's count and the change feed, and its last change (for the list).</summary>
internal sealed class SegmentTrends(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    public async Task<IReadOnlyDictionary<Guid, SegmentTrend>> AllAsync(AccessContext access, int days = 30, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SegmentsRead))
        {
            return new Dictionary<Guid, SegmentTrend>();
        }

        var today = timeProvider.GetUtcNow().UtcDateTime.Date;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var segments = await db.Set<Segment>().AsNoTracking().Select(s => new { s.Id, s.MemberCount }).ToListAsync(cancellationToken);
        var net = new Dictionary<(Guid, DateTime), long>();
        var last = new Dictionary<Guid, DateTimeOffset>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("""
            SELECT segment_id, (at AT TIME ZONE 'UTC')::date, count(*) FILTER (WHERE kind = 'entered') - count(*) FILTER (WHERE kind = 'exited')
            FROM cdp_segment_changes WHERE at >= @since GROUP BY 1, 2;
            SELECT s.id, (SELECT max(c.at) FROM cdp_segment_changes c WHERE c.segment_id = s.id) FROM cdp_segments s;
            """, connection))
        {
            command.Parameters.AddWithValue("since", new DateTimeOffset(today.AddDays(2 - days), TimeSpan.Zero));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                net[(reader.GetGuid(0), reader.GetDateTime(1))] = reader.GetInt64(2);
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!reader.IsDBNull(1))
                {
                    last[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(1);
                }
            }
        }

        return segments.ToDictionary(s => s.Id, s =>
        {
            // The size at the end of a day is today's size less what changed on the days after it.
            var sizes = new long[days];
            var size = s.MemberCount;
            for (var i = days - 1; i >= 0; i--)
            {
                sizes[i] = Math.Max(0, size);
                size -= net.GetValueOrDefault((s.Id, today.AddDays(i - (days - 1))));
            }

            return new SegmentTrend(sizes, last.TryGetValue(s.Id, out var at) ? at : null);
        });
    }
}
