using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>
/// Keeps <see cref="EventProfile"/> (<c>cdp_event_profiles</c>) and the daily rollups (<see cref="ProfileEventDay"/>)
/// true, in the transaction of whatever changes who owns an event: the resolver batch assigns its events, a merge moves
/// the merged profiles' events, a split or an identity-rule change reassigns the events in question and recounts the days
/// they touch. The rule is <see cref="EventMembership"/>'s: an event belongs to the profile of its user id, or, when it has
/// none, a blocked one or one no profile holds, to the profile of its anonymous id.
/// </summary>
internal static class EventOwnership
{
    /// <summary>The UTC day a rollup counts an event on.</summary>
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

    /// <summary>
    /// Assigns the resolver batch's events (ids after <paramref name="from"/> up to <paramref name="to"/>) and counts them
    /// into the rollups. The fence (OFFSET 0) keeps the owner from being looked up twice, in the filter and the row.
    /// </summary>
    public static NpgsqlBatchCommand AssignBatch(long from, long to, IEnumerable<string> blocked)
    {
        var command = new NpgsqlBatchCommand($"""
            WITH assigned AS (
                INSERT INTO cdp_event_profiles (event_id, "timestamp", profile_id, type, name)
                SELECT id, "timestamp", owner, type, name FROM (
                    SELECT e.id, e."timestamp", {OwnerOf("e")} AS owner, e.type, coalesce(e.event, '') AS name
                    FROM cdp_events e WHERE e.id > @from AND e.id <= @to OFFSET 0) o
                WHERE owner IS NOT NULL
                ON CONFLICT (event_id) DO NOTHING
                RETURNING profile_id, "timestamp", type, name)
            INSERT INTO cdp_profile_event_days (profile_id, day, type, name, count, first_at, last_at)
            SELECT profile_id, {Day}, type, name, count(*), min("timestamp"), max("timestamp") FROM assigned
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
                     "UPDATE cdp_event_profiles o SET profile_id = f.survivor FROM unnest(@merged, @final) AS f(merged, survivor) WHERE o.profile_id = f.merged",
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
    /// Applies the rule again to the events <paramref name="scope"/> answers (a query of event id and timestamp, the
    /// caller's fixed SQL; its values are in <paramref name="parameters"/>) that the resolver has reached, moves those whose
    /// owner changed, recounts the rollups of every profile and day they left or joined and queues those profiles for the
    /// audience evaluator. Answers how many events joined another profile. Run under the graph's lock, so no resolver
    /// batch interleaves.
    /// </summary>
    public static async Task<int> ReassignAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string scope, IEnumerable<NpgsqlParameter> parameters, IEnumerable<string> blocked, CancellationToken cancellationToken)
    {
        var touched = new List<(Guid Profile, DateOnly Day)>();
        var moved = 0;
        await using (var reassign = new NpgsqlCommand($"""
            WITH n AS (
                SELECT e.id, e."timestamp", e.type, coalesce(e.event, '') AS name, o.profile_id AS old, {OwnerOf("e")} AS owner
                FROM ({scope}) AS s(id, "timestamp")
                JOIN cdp_events e ON e.id = s.id AND e."timestamp" = s."timestamp"
                LEFT JOIN cdp_event_profiles o ON o.event_id = e.id
                WHERE e.id <= (SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = '{ResolutionBatch.CheckpointName}')),
            changed AS (SELECT * FROM n WHERE owner IS DISTINCT FROM old),
            removed AS (DELETE FROM cdp_event_profiles o USING changed c WHERE o.event_id = c.id AND c.owner IS NULL),
            updated AS (UPDATE cdp_event_profiles o SET profile_id = c.owner FROM changed c WHERE o.event_id = c.id AND c.owner IS NOT NULL AND c.old IS NOT NULL),
            added AS (INSERT INTO cdp_event_profiles (event_id, "timestamp", profile_id, type, name) SELECT id, "timestamp", owner, type, name FROM changed WHERE old IS NULL)
            SELECT v.profile_id, {Day}, count(*) FILTER (WHERE v.joined) FROM changed CROSS JOIN LATERAL (VALUES (old, false), (owner, true)) AS v(profile_id, joined)
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
            // The profiles that lost or gained events are evaluated again.
            await using var queue = new NpgsqlCommand(Audiences.AudienceQueue.EnqueueSql, connection, transaction);
            queue.Parameters.Add(Audiences.AudienceQueue.IdsParameter(touched.Select(t => t.Profile).Distinct()));
            await queue.ExecuteNonQueryAsync(cancellationToken);
        }

        return moved;
    }

    /// <summary>The ids and timestamps of one profile's events, as a <see cref="ReassignAsync"/> scope (its id in <c>@profile</c>).</summary>
    public const string EventsOfProfile = "SELECT event_id, \"timestamp\" FROM cdp_event_profiles WHERE profile_id = @profile";

    /// <summary>Counts the given profiles' days (each pair once) again from their events.</summary>
    private static async Task RecountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<(Guid Profile, DateOnly Day)> days, CancellationToken cancellationToken)
    {
        await using var recount = new NpgsqlCommand("""
            DELETE FROM cdp_profile_event_days r USING unnest(@profiles, @days) AS k(profile_id, day) WHERE r.profile_id = k.profile_id AND r.day = k.day;
            INSERT INTO cdp_profile_event_days (profile_id, day, type, name, count, first_at, last_at)
            SELECT k.profile_id, k.day, o.type, o.name, count(*), min(o."timestamp"), max(o."timestamp")
            FROM unnest(@profiles, @days) AS k(profile_id, day)
            JOIN cdp_event_profiles o ON o.profile_id = k.profile_id AND o."timestamp" >= k.day::timestamp AT TIME ZONE 'UTC' AND o."timestamp" < (k.day + 1)::timestamp AT TIME ZONE 'UTC'
            WHERE EXISTS (SELECT 1 FROM cdp_profiles p WHERE p.id = k.profile_id)
            GROUP BY 1, 2, 3, 4
            """, connection, transaction);
        recount.Parameters.Add(new NpgsqlParameter<Guid[]>("profiles", [.. days.Select(d => d.Profile)]));
        recount.Parameters.Add(new NpgsqlParameter<DateOnly[]>("days", [.. days.Select(d => d.Day)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        await recount.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Blocked(IEnumerable<string> blocked) =>
        new("blocked", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = blocked.Select(v => v.ToLowerInvariant()).ToArray() };
}
