using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>
/// Keeps <c>cdp_events.profile_id</c> and the daily rollups (<see cref="ProfileEventDay"/>) true, in the transaction of
/// whatever changes who owns an event: the resolver batch assigns its events, a merge moves the merged profiles' events,
/// a split or an identity-rule change reassigns the events in question and recounts the days they touch.
/// The rule: an event belongs to the profile of its user id, or, when it has none, a blocked one or one no profile
/// holds, to the profile of its anonymous id.
/// </summary>
internal static class EventOwnership
{
    /// <summary>The day a rollup counts an event on.</summary>
    private const string Day = "(\"timestamp\" AT TIME ZONE 'UTC')::date";

    private const string AddToRollups = """
        ON CONFLICT (profile_id, day, type, name) DO UPDATE SET count = cdp_profile_event_days.count + excluded.count,
            first_at = least(cdp_profile_event_days.first_at, excluded.first_at), last_at = greatest(cdp_profile_event_days.last_at, excluded.last_at)
        """;

    /// <summary>The owner of event <paramref name="e"/> by the rule (blocked values in <c>@blocked</c>, lower case).</summary>
    private static string OwnerOf(string e) => $"""
        coalesce(
            (SELECT i.profile_id FROM cdp_identifiers i WHERE i.type = 'user_id' AND i.value = {e}.user_id AND NOT lower({e}.user_id) = ANY(@blocked)),
            (SELECT i.profile_id FROM cdp_identifiers i WHERE i.type = 'anonymous_id' AND i.value = {e}.anonymous_id))
        """;

    /// <summary>Assigns the resolver batch's events (ids after <paramref name="from"/> up to <paramref name="to"/>) and counts them into the rollups.</summary>
    public static NpgsqlBatchCommand AssignBatch(long from, long to, string[] blocked)
    {
        var command = new NpgsqlBatchCommand($"""
            WITH assigned AS (
                UPDATE cdp_events e SET profile_id = {OwnerOf("e")} WHERE e.id > @from AND e.id <= @to AND e.profile_id IS NULL
                RETURNING e.profile_id, e."timestamp", e.type, coalesce(e.event, '') AS name)
            INSERT INTO cdp_profile_event_days (profile_id, day, type, name, count, first_at, last_at)
            SELECT profile_id, {Day}, type, name, count(*), min("timestamp"), max("timestamp") FROM assigned WHERE profile_id IS NOT NULL
            GROUP BY 1, 2, 3, 4
            {AddToRollups}
            """);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.Add(Blocked(blocked));
        return command;
    }

    /// <summary>Moves the merged profiles' events and rollups to their survivors (the arrays pair each merged profile with its final survivor).</summary>
    public static IEnumerable<NpgsqlBatchCommand> Merge(Guid[] merged, Guid[] survivors)
    {
        foreach (var sql in new[]
                 {
                     "UPDATE cdp_events e SET profile_id = f.survivor FROM unnest(@merged, @final) AS f(merged, survivor) WHERE e.profile_id = f.merged",
                     $"""
                     INSERT INTO cdp_profile_event_days (profile_id, day, type, name, count, first_at, last_at)
                     SELECT f.survivor, r.day, r.type, r.name, sum(r.count), min(r.first_at), max(r.last_at)
                     FROM unnest(@merged, @final) AS f(merged, survivor) JOIN cdp_profile_event_days r ON r.profile_id = f.merged
                     GROUP BY 1, 2, 3, 4
                     {AddToRollups}
                     """,
                     "DELETE FROM cdp_profile_event_days r USING unnest(@merged) AS m(id) WHERE r.profile_id = m.id",
                 })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("merged", merged));
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("final", survivors));
            yield return command;
        }
    }

    /// <summary>
    /// Applies the rule again to the events <paramref name="scope"/> selects (a condition over <c>e</c>, the caller's
    /// fixed SQL; its values are in <paramref name="parameters"/>), moves those whose owner changed and recounts the
    /// rollups of every profile and day they left or joined. Answers how many events joined another profile.
    /// </summary>
    public static async Task<int> ReassignAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string scope, IEnumerable<NpgsqlParameter> parameters, string[] blocked, CancellationToken cancellationToken)
    {
        var touched = new List<(Guid Profile, DateOnly Day)>();
        var moved = 0;
        await using (var reassign = new NpgsqlCommand($"""
            WITH moved AS (
                UPDATE cdp_events e SET profile_id = n.owner
                FROM (SELECT e.id, e."timestamp", e.profile_id AS old, {OwnerOf("e")} AS owner FROM cdp_events e WHERE {scope}) n
                WHERE e.id = n.id AND e."timestamp" = n."timestamp" AND n.owner IS DISTINCT FROM n.old
                RETURNING n.old, n.owner, e."timestamp")
            SELECT v.profile_id, ({Day})::date, count(*) FILTER (WHERE v.joined) FROM moved CROSS JOIN LATERAL (VALUES (old, false), (owner, true)) AS v(profile_id, joined)
            WHERE v.profile_id IS NOT NULL GROUP BY 1, 2
            """, connection, transaction))
        {
            reassign.Parameters.AddRange(parameters.ToArray());
            reassign.Parameters.Add(Blocked(blocked));
            await using var reader = await reassign.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                touched.Add((reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1)));
                moved += (int)reader.GetInt64(2);
            }
        }

        if (touched.Count > 0)
        {
            await RecountAsync(connection, transaction, touched, cancellationToken);
        }

        return moved;
    }

    /// <summary>Counts the given profiles' days again from their events.</summary>
    public static async Task RecountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<(Guid Profile, DateOnly Day)> days, CancellationToken cancellationToken)
    {
        await using var recount = new NpgsqlCommand($"""
            DELETE FROM cdp_profile_event_days r USING unnest(@profiles, @days) AS k(profile_id, day) WHERE r.profile_id = k.profile_id AND r.day = k.day;
            INSERT INTO cdp_profile_event_days (profile_id, day, type, name, count, first_at, last_at)
            SELECT k.profile_id, k.day, e.type, coalesce(e.event, ''), count(*), min(e."timestamp"), max(e."timestamp")
            FROM unnest(@profiles, @days) AS k(profile_id, day)
            JOIN cdp_events e ON e.profile_id = k.profile_id AND e."timestamp" >= k.day::timestamp AT TIME ZONE 'UTC' AND e."timestamp" < (k.day + 1)::timestamp AT TIME ZONE 'UTC'
            WHERE EXISTS (SELECT 1 FROM cdp_profiles p WHERE p.id = k.profile_id)
            GROUP BY 1, 2, 3, 4
            """, connection, transaction);
        recount.Parameters.Add(new NpgsqlParameter<Guid[]>("profiles", [.. days.Select(d => d.Profile)]));
        recount.Parameters.Add(new NpgsqlParameter<DateOnly[]>("days", [.. days.Select(d => d.Day)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        await recount.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Blocked(string[] blocked) =>
        new("blocked", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = blocked.Select(v => v.ToLowerInvariant()).ToArray() };
}
