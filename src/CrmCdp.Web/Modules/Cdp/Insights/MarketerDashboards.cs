using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Modules.Cdp.Sources;
using CrmCdp.Web.Modules.Crm.Contracts;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>
/// The marketer's home: how many events arrive per day, which audiences are largest and how they move, whether the
/// audiences handed to sales became deals, and whether every source still sends. Each part is one grouped query.
/// </summary>
internal sealed class MarketerDashboards(IDbContextFactory<AppDbContext> dbFactory, SegmentTrends trends, ICrmContacts crm, TimeProvider timeProvider)
{
    public const int VolumeDays = 14;
    public const int PeriodDays = 30;

    public async Task<MarketerDashboard?> MarketerAsync(AccessContext access, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.InsightsRead) || !access.Has(Permissions.Cdp.SegmentsRead))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var volume = await VolumeAsync(connection, zone, now, cancellationToken);
        var sizes = await trends.AllAsync(access, VolumeDays, cancellationToken);
        var segments = await db.Set<Segment>().AsNoTracking().OrderByDescending(s => s.MemberCount).ThenBy(s => s.Name).Take(5)
            .Select(s => new { s.Id, s.Name, s.MemberCount }).ToListAsync(cancellationToken);
        var top = segments.Select(s => new SegmentSize(s.Id, s.Name, s.MemberCount, sizes.TryGetValue(s.Id, out var trend) ? trend.Sizes : [])).ToList();
        var activation = await ActivationAsync(access, db, now.AddDays(-PeriodDays), cancellationToken);
        var sources = access.Has(Permissions.Cdp.SourcesManage) ? await SourcesAsync(db, connection, now, cancellationToken) : [];
        return new MarketerDashboard(volume, top, activation, sources, PeriodDays);
    }

    private static async Task<IReadOnlyList<DayCount>> VolumeAsync(NpgsqlConnection connection, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var first = today.AddDays(1 - VolumeDays);
        var since = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(first.ToDateTime(TimeOnly.MinValue)));
        await using var command = new NpgsqlCommand("""
            SELECT ("timestamp" AT TIME ZONE @zone)::date, count(*) FROM cdp_events WHERE "timestamp" >= @since AND "timestamp" <= @now GROUP BY 1
            """, connection);
        command.Parameters.AddWithValue("zone", zone.Id);
        command.Parameters.AddWithValue("since", since.ToUniversalTime());
        command.Parameters.AddWithValue("now", now);
        var counts = new Dictionary<DateOnly, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[DateOnly.FromDateTime(reader.GetDateTime(0))] = reader.GetInt64(1);
        }

        return [.. Enumerable.Range(0, VolumeDays).Select(i => first.AddDays(i)).Select(day => new DayCount(day, counts.GetValueOrDefault(day)))];
    }

    /// <summary>Per activated segment: entries in the period, those tasked, and what the tasked contacts' deals did from the first task on.</summary>
    private async Task<IReadOnlyList<ActivationFunnelRow>> ActivationAsync(AccessContext access, AppDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var activated = await db.Set<Segment>().AsNoTracking().Where(s => s.ActivationEnabled || db.Set<SegmentActivation>().Any(a => a.SegmentId == s.Id && a.At >= since))
            .OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        var rows = new List<ActivationFunnelRow>();
        foreach (var segment in activated)
        {
            var entered = await db.Set<SegmentMembershipChange>().LongCountAsync(c => c.SegmentId == segment.Id && c.Kind == "entered" && c.At >= since, cancellationToken);
            var tasked = await db.Set<SegmentActivation>().Where(a => a.SegmentId == segment.Id && a.Outcome == ActivationOutcomes.TaskCreated && a.At >= since)
                .Join(db.Set<Profiles.Profile>(), a => a.ProfileId, p => p.Id, (a, p) => new { a.At, p.ContactId }).ToListAsync(cancellationToken);
            var contacts = tasked.Where(t => t.ContactId is not null).Select(t => t.ContactId!.Value).Distinct().ToList();
            var deals = contacts.Count == 0 ? new DealsAfter(0, 0, 0) : await crm.DealsAfterAsync(access, db, contacts, tasked.Min(t => t.At), cancellationToken);
            rows.Add(new ActivationFunnelRow(segment.Id, segment.Name, entered, tasked.Count, deals.ContactsWithDealCreated, deals.ContactsWithDealWon, deals.AmountWon));
        }

        return rows;
    }

    private static async Task<IReadOnlyList<SourceHealth>> SourcesAsync(AppDbContext db, NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sources = await db.Set<Source>().AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.Enabled }).ToListAsync(cancellationToken);
        // Each source's newest events through its (source_id, received_at) index.
        await using var command = new NpgsqlCommand("""
            SELECT s.id, (SELECT count(*) FROM cdp_events e WHERE e.source_id = s.id AND e.received_at >= @day_ago),
                   (SELECT max(e.received_at) FROM cdp_events e WHERE e.source_id = s.id)
            FROM unnest(@ids) AS s(id)
            """, connection);
        command.Parameters.AddWithValue("ids", sources.Select(s => s.Id).ToArray());
        command.Parameters.AddWithValue("day_ago", now.AddDays(-1));
        var stats = new Dictionary<Guid, (long Count, DateTimeOffset? Last)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stats[reader.GetGuid(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
            }
        }

        return [.. sources.Select(s =>
        {
            var (count, last) = stats.GetValueOrDefault(s.Id);
            return new SourceHealth(s.Id, s.Name, s.Enabled, count, last, s.Enabled && count > 0);
        })];
    }
}
