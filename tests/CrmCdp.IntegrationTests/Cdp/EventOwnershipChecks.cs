using CrmCdp.TestSupport;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>Recounts from the raw events, to compare with what the resolver, merges and splits maintained.</summary>
internal static class EventOwnershipChecks
{
    /// <summary>The profile the rule gives event <c>e</c> today: its user id's, else its anonymous id's (no blocked values in these tests).</summary>
    private const string Owner = """
        coalesce(
            (SELECT i.profile_id FROM cdp_identifiers i WHERE i.type = 'user_id' AND i.value = e.user_id),
            (SELECT i.profile_id FROM cdp_identifiers i WHERE i.type = 'anonymous_id' AND i.value = e.anonymous_id))
        """;

    /// <summary>Waits until the resolver has reached every stored event.</summary>
    public static Task ResolvedAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        Eventually.UntilAsync(
            () => CountAsync(connection, "SELECT (SELECT coalesce(max(id), 0) FROM cdp_events) - (SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity')", cancellationToken),
            behind => behind <= 0, "the resolver reaching every event", TimeSpan.FromSeconds(60), cancellationToken);

    /// <summary>Rollup rows that differ from a recount of the raw events by the rule's profile, day, type and name (missing or extra rows included).</summary>
    public static Task<long> RollupDifferencesAsync(NpgsqlConnection connection, CancellationToken cancellationToken) => CountAsync(connection, $"""
        WITH owned AS (SELECT {Owner} AS profile_id, e.* FROM cdp_events e),
        recount AS (
            SELECT profile_id, ("timestamp" AT TIME ZONE 'UTC')::date AS day, type::text, coalesce(event, '')::text AS name, count(*)::int AS count,
                   min("timestamp") AS first_at, max("timestamp") AS last_at
            FROM owned WHERE profile_id IN (SELECT id FROM cdp_profiles) GROUP BY 1, 2, 3, 4),
        kept AS (SELECT profile_id, day, type::text, name::text, count, first_at, last_at FROM cdp_profile_event_days)
        SELECT (SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM kept) missing)
             + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM recount) extra)
        """, cancellationToken);

    /// <summary>Events whose stored profile is not the one the rule gives them today, and stored profiles of events that are gone.</summary>
    public static Task<long> OwnershipDifferencesAsync(NpgsqlConnection connection, CancellationToken cancellationToken) => CountAsync(connection, $"""
        SELECT (SELECT count(*) FROM cdp_events e LEFT JOIN cdp_event_profiles o ON o.event_id = e.id AND o."timestamp" = e."timestamp"
                WHERE o.profile_id IS DISTINCT FROM {Owner})
             + (SELECT count(*) FROM cdp_event_profiles o WHERE NOT EXISTS (SELECT 1 FROM cdp_events e WHERE e.id = o.event_id AND e."timestamp" = o."timestamp"))
        """, cancellationToken);

    /// <summary>The people (by the rule's profile) who did an event, per day or week on a zone's clock, recounted from the raw events.</summary>
    public static async Task<Dictionary<DateTime, long>> PeoplePerBucketAsync(
        NpgsqlConnection connection, string eventName, string unit, string zone, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT date_trunc(@unit, e."timestamp" AT TIME ZONE @zone), count(DISTINCT {Owner}) FROM cdp_events e
            WHERE e.event = @name AND e."timestamp" >= @from AND e."timestamp" < @to AND {Owner} IS NOT NULL GROUP BY 1
            """, connection);
        command.Parameters.AddWithValue("unit", unit);
        command.Parameters.AddWithValue("zone", zone);
        command.Parameters.AddWithValue("name", eventName);
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        command.Parameters.AddWithValue("to", to.ToUniversalTime());
        var people = new Dictionary<DateTime, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            people[reader.GetDateTime(0)] = reader.GetInt64(1);
        }

        return people;
    }

    public static async Task<long> CountAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
