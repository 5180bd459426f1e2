using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>Recounts from the raw events, to compare with what the resolver, merges and splits maintained.</summary>
internal static class EventOwnershipChecks
{
    /// <summary>Rollup rows that differ from a recount of <c>cdp_events</c> by profile, day, type and name (missing or extra rows included).</summary>
    public static async Task<long> RollupDifferencesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH recount AS (
                SELECT profile_id, ("timestamp" AT TIME ZONE 'UTC')::date AS day, type::text, coalesce(event, '')::text AS name, count(*)::int AS count,
                       min("timestamp") AS first_at, max("timestamp") AS last_at
                FROM cdp_events WHERE profile_id IN (SELECT id FROM cdp_profiles) GROUP BY 1, 2, 3, 4),
            kept AS (SELECT profile_id, day, type::text, name::text, count, first_at, last_at FROM cdp_profile_event_days)
            SELECT (SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM kept) missing)
                 + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM recount) extra)
            """, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Events whose profile is not the one the rule gives them today (user id's profile, else anonymous id's).</summary>
    public static async Task<long> OwnershipDifferencesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM cdp_events e WHERE e.profile_id IS DISTINCT FROM coalesce(
                (SELECT i.profile_id FROM cdp_identifiers i WHERE i.type = 'user_id' AND i.value = e.user_id),
                (SELECT i.profile_id FROM cdp_identifiers i WHERE i.type = 'anonymous_id' AND i.value = e.anonymous_id))
            """, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<long> CountAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
