using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>The names the builder suggests: trait keys of recent profiles and event names of recent events.</summary>
/// <param name="TraitKeys">Top-level keys, and one level into objects (<c>address.city</c>).</param>
/// <param name="EventNames">Track event and page names, most frequent first, then the event types.</param>
internal sealed record SegmentVocabularyNames(IReadOnlyList<string> TraitKeys, IReadOnlyList<string> EventNames);

/// <summary>
/// Samples the newest profiles and events (never a full scan) and keeps the answer until new events or profiles
/// arrive (checked by their newest id, at most once a second), and for a few minutes at most, so opening the builder
/// stays cheap on a large CDP and a name that just arrived is suggested at once.
/// </summary>
internal sealed class SegmentVocabulary(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    private const int ProfileSample = 5_000;
    private const int EventSample = 20_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);
    private static readonly string[] EventTypes = ["page", "screen", "identify", "track", "group", "alias"];
    // A reference, so a reader on another circuit never sees half of an update.
    private Snapshot? _cached;

    public async Task<SegmentVocabularyNames> NamesAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SegmentsRead))
        {
            return new SegmentVocabularyNames([], []);
        }

        var now = timeProvider.GetUtcNow();
        if (_cached is { } recent && now - recent.At < Recheck)
        {
            return recent.Names;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var newest = await NewestAsync(connection, cancellationToken);
        if (_cached is { } cached && now - cached.At < Lifetime && cached.Newest == newest)
        {
            return cached.Names;
        }

        var traitKeys = await ReadAsync(connection, """
            SELECT k FROM (SELECT traits FROM cdp_profiles WHERE merged_into_id IS NULL ORDER BY seq DESC LIMIT @sample) p,
            LATERAL (
                SELECT e.key AS k FROM jsonb_each(p.traits) e
                UNION ALL
                SELECT e.key || '.' || sub FROM jsonb_each(p.traits) e, jsonb_object_keys(CASE WHEN jsonb_typeof(e.value) = 'object' THEN e.value ELSE '{}' END) sub
            ) keys
            GROUP BY k ORDER BY count(*) DESC, k LIMIT 300
            """, ProfileSample, cancellationToken);
        var eventNames = await ReadAsync(connection, """
            SELECT name FROM (SELECT event AS name FROM cdp_events WHERE event IS NOT NULL ORDER BY id DESC LIMIT @sample) e
            GROUP BY name ORDER BY count(*) DESC, name LIMIT 300
            """, EventSample, cancellationToken);
        var names = new SegmentVocabularyNames(traitKeys, [.. eventNames, .. EventTypes.Except(eventNames, StringComparer.Ordinal)]);
        _cached = new Snapshot(names, now, newest);
        return names;
    }

    /// <summary>The newest event id and profile sequence: index lookups, so the freshness check costs next to nothing.</summary>
    private static async Task<(long Event, long Profile)> NewestAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce((SELECT max(id) FROM cdp_events), 0), coalesce((SELECT max(seq) FROM cdp_profiles), 0)", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private sealed record Snapshot(SegmentVocabularyNames Names, DateTimeOffset At, (long Event, long Profile) Newest);

    private static async Task<List<string>> ReadAsync(NpgsqlConnection connection, string sql, int sample, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("sample", sample);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
