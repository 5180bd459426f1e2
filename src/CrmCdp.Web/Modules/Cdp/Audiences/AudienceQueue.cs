using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Audiences;

/// <summary>
/// The profiles waiting for evaluation. Queuing locks the profile's row (an upsert, never "do nothing"), so the
/// evaluator cannot take and drop an entry while the transaction that re-queued it, and whose events it has not seen
/// yet, is still open: it waits for that commit or skips the row until the next pass. Every writer queues in profile id
/// order, so two that queue the same profiles (the resolver and the minute's computed traits) wait for each other
/// instead of deadlocking.
/// </summary>
internal static class AudienceQueue
{
    /// <summary>Queues the profiles of a uuid[] parameter named <c>@audience_ids</c>.</summary>
    public const string EnqueueSql = """
        INSERT INTO cdp_audience_queue (profile_id, queued_at) SELECT DISTINCT id, now() FROM unnest(@audience_ids) AS q(id) ORDER BY id
        ON CONFLICT (profile_id) DO UPDATE SET queued_at = cdp_audience_queue.queued_at
        """;

    /// <summary>Queues the profile ids a query answers (the caller's own SQL, never user input).</summary>
    public static string EnqueueQuery(string profileIdsQuery) => $"""
        INSERT INTO cdp_audience_queue (profile_id, queued_at) SELECT DISTINCT q.id, now() FROM ({profileIdsQuery}) AS q(id) ORDER BY q.id
        ON CONFLICT (profile_id) DO UPDATE SET queued_at = cdp_audience_queue.queued_at
        """;

    public static NpgsqlBatchCommand Enqueue(IEnumerable<Guid> profileIds)
    {
        var command = new NpgsqlBatchCommand(EnqueueSql);
        command.Parameters.Add(IdsParameter(profileIds));
        return command;
    }

    public static NpgsqlParameter IdsParameter(IEnumerable<Guid> profileIds) =>
        new NpgsqlParameter<Guid[]>("audience_ids", [.. profileIds]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };

    /// <summary>
    /// The oldest <paramref name="size"/> entries, read without taking them, each with its row version: the computed
    /// traits of these profiles are brought up to date before they are taken (<see cref="TakeAsync"/>).
    /// </summary>
    public static async Task<List<(Guid ProfileId, string Version)>> PeekAsync(NpgsqlConnection connection, int size, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT profile_id, xmin::text FROM cdp_audience_queue ORDER BY queued_at LIMIT @size", connection);
        command.Parameters.AddWithValue("size", size);
        var peeked = new List<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            peeked.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return peeked;
    }

    /// <summary>
    /// Takes (deletes and answers) the peeked entries, skipping rows a re-queuing transaction holds. Each says whether
    /// it was queued again since the peek (a new row version: an event the computed traits did not see); the caller
    /// queues those again once it has evaluated them, so a profile with a steady stream of events is never starved.
    /// </summary>
    public static async Task<List<(Guid ProfileId, DateTimeOffset QueuedAt, bool Requeued)>> TakeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<(Guid ProfileId, string Version)> peeked, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            DELETE FROM cdp_audience_queue q USING unnest(@ids, @versions) AS v(id, version)
            WHERE q.profile_id = v.id
              AND q.profile_id IN (SELECT profile_id FROM cdp_audience_queue WHERE profile_id = ANY(@ids) FOR UPDATE SKIP LOCKED)
            RETURNING q.profile_id, q.queued_at, q.xmin::text <> v.version
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. peeked.Select(p => p.ProfileId)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<string[]>("versions", [.. peeked.Select(p => p.Version)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var taken = new List<(Guid, DateTimeOffset, bool)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            taken.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetBoolean(2)));
        }

        return taken;
    }
}
