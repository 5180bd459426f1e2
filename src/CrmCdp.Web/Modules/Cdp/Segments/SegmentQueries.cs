using System.Globalization;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Modules.Cdp.Profiles;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>Reading segments: a preview of an unsaved tree, members page by page, entries and exits per day, a profile's memberships.</summary>
internal sealed class SegmentQueries(
    IDbContextFactory<AppDbContext> dbFactory, ReadReplica readReplica, Crm.Contracts.ICrmContacts crmContacts, TimeProvider timeProvider)
{
    public const int MaxMemberPage = 500;

    public async Task<OperationResult<SegmentPreview>> PreviewAsync(AccessContext access, SegmentCondition? definition, Guid? segmentId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SegmentsManage))
        {
            return OperationResult<SegmentPreview>.Forbidden("Your role cannot change segments.");
        }

        await using var db = await readReplica.CreateDbContextAsync(cancellationToken);
        var others = await db.Set<Segment>().Where(s => s.Id != segmentId).Select(s => s.Id).ToListAsync(cancellationToken);
        var computed = await db.Set<ComputedTrait>().Select(t => t.Key).ToListAsync(cancellationToken);
        var errors = SegmentConditionValidator.Validate(definition, "definition", computed.ToHashSet(StringComparer.Ordinal), others.ToHashSet());
        if (errors.Count > 0)
        {
            return OperationResult<SegmentPreview>.Invalid(errors);
        }

        var compiled = SegmentSqlCompiler.Compile(definition!, new SegmentQueryOptions(timeProvider.GetUtcNow()));
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            WITH target AS MATERIALIZED ({compiled.Sql})
            SELECT (SELECT count(*) FROM target), (SELECT array_agg(id) FROM (SELECT id FROM target LIMIT 10) s),
                   -- Exact below 100,000 profiles; above that the planner's estimate is close enough for "of about".
                   (SELECT CASE WHEN c.reltuples >= 100000 THEN c.reltuples::bigint ELSE (SELECT count(*) FROM cdp_profiles WHERE merged_into_id IS NULL) END
                    FROM pg_class c WHERE c.relname = 'cdp_profiles')
            """, connection);
        compiled.AddTo(command);
        command.CommandTimeout = 120;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return OperationResult<SegmentPreview>.Ok(new SegmentPreview(
            reader.GetInt64(0), Math.Max(0, reader.IsDBNull(2) ? 0 : reader.GetInt64(2)), reader.IsDBNull(1) ? [] : reader.GetFieldValue<Guid[]>(1)));
    }

    public async Task<OperationResult<SegmentMemberPage>> MembersAsync(AccessContext access, Guid segmentId, string? cursor, int? limit, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SegmentsRead))
        {
            return OperationResult<SegmentMemberPage>.Forbidden("Your role cannot see segments.");
        }

        var size = limit ?? 50;
        if (size is < 1 or > MaxMemberPage)
        {
            return OperationResult<SegmentMemberPage>.Invalid("limit", $"The limit is 1 to {MaxMemberPage}.");
        }

        (DateTimeOffset At, Guid Id)? after = null;
        if (cursor is not null)
        {
            var parts = cursor.Split('_');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || !Guid.TryParse(parts[1], out var id)
                || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return OperationResult<SegmentMemberPage>.Invalid("cursor", "The cursor is not one this API gave out.");
            }

            after = (new DateTimeOffset(ticks, TimeSpan.Zero), id);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var segment = await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == segmentId, cancellationToken);
        if (segment is null)
        {
            return OperationResult<SegmentMemberPage>.NotFound();
        }

        var members = from m in db.Set<SegmentMember>()
                      join p in db.Set<Profile>() on m.ProfileId equals p.Id
                      where m.SegmentId == segmentId
                      select new { m.ProfileId, m.EnteredAt, p.ContactId, p.LastSeenAt, p.EventCount, p.Consent };
        if (after is { } position)
        {
            members = members.Where(m => m.EnteredAt < position.At || (m.EnteredAt == position.At && m.ProfileId.CompareTo(position.Id) < 0));
        }

        var rows = await members.OrderByDescending(m => m.EnteredAt).ThenByDescending(m => m.ProfileId).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var (userIds, emails) = await IdentifiersAsync(db, access, [.. page.Select(m => m.ProfileId)], cancellationToken);
        var contactNames = await crmContacts.DisplayNamesAsync(access, page.Select(m => m.ContactId).OfType<Guid>(), cancellationToken);
        var items = page.Select(m => new SegmentMemberDto(m.ProfileId, m.EnteredAt, m.ContactId, m.LastSeenAt, m.EventCount, ConsentGate.Allows(m.Consent, segment.ConsentCategory))
        {
            UserId = userIds.GetValueOrDefault(m.ProfileId),
            Email = emails.GetValueOrDefault(m.ProfileId),
            ContactName = m.ContactId is { } contact ? contactNames.GetValueOrDefault(contact) : null,
        }).ToList();
        var next = rows.Count > size ? $"{items[^1].EnteredAt.UtcTicks}_{items[^1].ProfileId}" : null;
        return OperationResult<SegmentMemberPage>.Ok(new SegmentMemberPage(items, next));
    }

    /// <summary>Each profile's first user id and first email (masked as the caller requires), to name members by.</summary>
    private static async Task<(Dictionary<Guid, string> UserIds, Dictionary<Guid, string> Emails)> IdentifiersAsync(
        AppDbContext db, AccessContext access, List<Guid> profileIds, CancellationToken cancellationToken)
    {
        var identifiers = await db.Set<ProfileIdentifier>()
            .Where(i => profileIds.Contains(i.ProfileId) && (i.Type == IdentifierTypes.UserId || i.Type == IdentifierTypes.Email))
            .OrderBy(i => i.FirstSeenAt).Select(i => new { i.ProfileId, i.Type, i.Value }).ToListAsync(cancellationToken);
        var seesPii = ProfileAccess.SeesPii(access);
        Dictionary<Guid, string> First(string type) => identifiers.Where(i => i.Type == type).GroupBy(i => i.ProfileId)
            .ToDictionary(g => g.Key, g => ProfileAccess.Masked(type, g.First().Value, seesPii)!);
        return (First(IdentifierTypes.UserId), First(IdentifierTypes.Email));
    }

    public async Task<OperationResult<SegmentStats>> StatsAsync(AccessContext access, Guid segmentId, int days, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SegmentsRead))
        {
            return OperationResult<SegmentStats>.Forbidden("Your role cannot see segments.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<Segment>().AnyAsync(s => s.Id == segmentId, cancellationToken))
        {
            return OperationResult<SegmentStats>.NotFound();
        }

        var since = timeProvider.GetUtcNow().UtcDateTime.Date.AddDays(1 - days);
        var sinceAt = new DateTimeOffset(since, TimeSpan.Zero);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var changes = new List<(DateTime Day, string Kind, long Count)>();
        await using (var command = new NpgsqlCommand("""
            SELECT (at AT TIME ZONE 'UTC')::date, kind, count(*) FROM cdp_segment_changes WHERE segment_id = @segment AND at >= @since GROUP BY 1, 2
            """, connection))
        {
            command.Parameters.AddWithValue("segment", segmentId);
            command.Parameters.AddWithValue("since", sinceAt);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                changes.Add((reader.GetDateTime(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        var activations = await db.Set<SegmentActivation>().Where(a => a.SegmentId == segmentId)
            .GroupBy(a => a.Outcome).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var daily = Enumerable.Range(0, days).Select(i => since.AddDays(i)).Select(day => new SegmentDayStats(
            DateOnly.FromDateTime(day),
            changes.Where(c => c.Day == day && c.Kind == "entered").Sum(c => c.Count),
            changes.Where(c => c.Day == day && c.Kind == "exited").Sum(c => c.Count))).ToList();
        return OperationResult<SegmentStats>.Ok(new SegmentStats(daily, activations));
    }

    public async Task<IReadOnlyList<ProfileSegmentDto>> ForProfileAsync(AccessContext access, Guid profileId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead) && !access.Has(Permissions.Cdp.SegmentsRead))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (from m in db.Set<SegmentMember>()
                      join s in db.Set<Segment>() on m.SegmentId equals s.Id
                      where m.ProfileId == profileId
                      orderby s.Name
                      select new ProfileSegmentDto(s.Id, s.Name, m.EnteredAt)).ToListAsync(cancellationToken);
    }

    /// <summary>Every computed trait's value for the profile: a number (0 when it has none) or text.</summary>
    public async Task<IReadOnlyDictionary<string, object>> ComputedForProfileAsync(AccessContext access, Guid profileId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead) && !access.Has(Permissions.Cdp.SegmentsRead))
        {
            return new Dictionary<string, object>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.Set<ComputedTrait>().Select(t => t.Key).ToListAsync(cancellationToken);
        var values = await db.Set<ProfileComputedValue>().Where(v => v.ProfileId == profileId).ToDictionaryAsync(v => v.Key, v => v.TextValue ?? (object)v.Value, cancellationToken);
        return keys.Order(StringComparer.Ordinal).ToDictionary(k => k, k => values.GetValueOrDefault(k) ?? 0m);
    }
}
