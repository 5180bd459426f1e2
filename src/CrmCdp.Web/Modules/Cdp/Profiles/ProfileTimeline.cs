using System.Text;
using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Modules.Crm.Contracts;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>
/// A profile's timeline, newest first, in keyset pages: its events (by <see cref="EventMembership"/>), the CRM's facts
/// about its linked contact (deal won, ticket opened, …, from the CRM's shared view) as type "crm" with negative ids, and
/// its segment entries and exits as "Segment Entered" / "Segment Exited" (type "segment"; the segment's id and name in
/// the properties).
/// </summary>
internal sealed class ProfileTimeline(IDbContextFactory<AppDbContext> dbFactory, IdentityRulesProvider rulesProvider)
{
    public const int MaxPage = 200;

    /// <summary>What <c>types</c> may name: the event types, the CRM's facts and segment changes.</summary>
    public static readonly IReadOnlyList<string> Types = ["identify", "track", "page", "screen", "group", "alias", "crm", "segment"];

    // Segment changes take negative ids beyond the CRM facts' (2^52 on), so every row keeps its own keyset position.
    private const string PageSql = $"""
        SELECT id, type, event, "timestamp", received_at, properties, traits, context, message_id, source_id FROM (
            SELECT id, type, event, "timestamp", received_at, (payload->'properties')::text AS properties, (payload->'traits')::text AS traits,
                   (payload->'context')::text AS context, message_id, source_id
            FROM cdp_events WHERE {EventMembership.Predicate}
            UNION ALL
            SELECT -id, 'crm', type, occurred_at, occurred_at, properties::text, NULL, NULL, 'crm-' || id, '00000000-0000-0000-0000-000000000000'::uuid
            FROM {CrmSharedViews.Facts} WHERE @contactId::uuid IS NOT NULL AND contact_ids @> ARRAY[@contactId::uuid]
            UNION ALL
            SELECT -(4503599627370496 + c.id), 'segment', CASE c.kind WHEN 'entered' THEN 'Segment Entered' ELSE 'Segment Exited' END, c.at, c.at,
                   jsonb_build_object('segment_id', c.segment_id, 'segment_name', s.name)::text, NULL, NULL, 'segment-' || c.id, '00000000-0000-0000-0000-000000000000'::uuid
            FROM cdp_segment_changes c JOIN cdp_segments s ON s.id = c.segment_id
            WHERE c.profile_id IN (SELECT p.id FROM cdp_profiles p WHERE p.id = @profileId OR p.merged_into_id = @profileId)) e
        WHERE (@afterAt::timestamptz IS NULL OR ("timestamp", id) < (@afterAt::timestamptz, @afterId::bigint)) AND (@types::text[] IS NULL OR type = ANY(@types::text[]))
        ORDER BY "timestamp" DESC, id DESC LIMIT @limit
        """;

    /// <param name="types">A comma-separated list of <see cref="Types"/> to keep; all of them when empty.</param>
    public async Task<OperationResult<ProfileEventPage>> EventsAsync(
        AccessContext access, Guid id, string? cursor, int? limit, string? types = null, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead))
        {
            return OperationResult<ProfileEventPage>.Forbidden(ProfileAccess.CannotRead);
        }

        var size = limit ?? 50;
        if (size is < 1 or > MaxPage)
        {
            return OperationResult<ProfileEventPage>.Invalid("limit", $"The limit is 1 to {MaxPage}.");
        }

        string[]? kept = string.IsNullOrWhiteSpace(types) ? null : [.. types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant())];
        if (kept?.FirstOrDefault(t => !Types.Contains(t)) is { } unknown)
        {
            return OperationResult<ProfileEventPage>.Invalid("types", $"“{unknown}” is not a timeline type; use {string.Join(", ", Types)}.");
        }

        (DateTimeOffset At, long Id)? after = null;
        if (cursor is not null)
        {
            if (ReadCursor(cursor) is not { } parsed)
            {
                return OperationResult<ProfileEventPage>.Invalid("cursor", "The cursor is not one this API gave out.");
            }

            after = parsed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.SurvivorOfAsync(id, cancellationToken) is not { } survivor)
        {
            return OperationResult<ProfileEventPage>.NotFound();
        }

        var contactId = await db.Set<Profile>().Where(p => p.Id == survivor).Select(p => p.ContactId).SingleAsync(cancellationToken);
        var membership = await EventMembership.OfAsync(db, survivor, rulesProvider, cancellationToken);
        var rows = await db.Database.SqlQueryRaw<TimelineRow>(PageSql,
        [
            .. membership.Parameters(),
            new NpgsqlParameter("contactId", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)contactId ?? DBNull.Value },
            new NpgsqlParameter("profileId", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = survivor },
            new NpgsqlParameter("afterAt", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)after?.At ?? DBNull.Value },
            new NpgsqlParameter("afterId", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)after?.Id ?? DBNull.Value },
            new NpgsqlParameter("limit", size + 1),
            new NpgsqlParameter("types", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)kept ?? DBNull.Value },
        ]).ToListAsync(cancellationToken);
        var items = rows.Select(r => new ProfileEventDto(
            r.Id, r.Type, r.Event, r.Timestamp, r.ReceivedAt, Element(r.Properties), Element(r.Traits), Element(r.Context), r.MessageId, r.SourceId)).ToList();
        var next = items.Count > size ? Cursor(items[size - 1]) : null;
        return OperationResult<ProfileEventPage>.Ok(new ProfileEventPage([.. items.Take(size)], next));
    }

    private static JsonElement? Element(string? json) => json is null ? null : JsonSerializer.Deserialize<JsonElement>(json);

    private static string Cursor(ProfileEventDto e) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{e.Timestamp.UtcTicks}:{e.Id}"));

    private static (DateTimeOffset, long)? ReadCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], out var ticks) && long.TryParse(parts[1], out var id) && ticks is > 0 and < 3155378975999999999
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed class TimelineRow
    {
        public long Id { get; set; }

        public string Type { get; set; } = "";

        public string? Event { get; set; }

        public DateTimeOffset Timestamp { get; set; }

        public DateTimeOffset ReceivedAt { get; set; }

        public string? Properties { get; set; }

        public string? Traits { get; set; }

        public string? Context { get; set; }

        public string MessageId { get; set; } = "";

        public Guid SourceId { get; set; }
    }
}
