using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Audiences;

/// <summary>
/// The profiles waiting for evaluation. Queuing locks the profile's row (an upsert, never "do nothing"), so the
/// evaluator cannot take and drop an entry while the transaction that re-queued it, and whose events it has not seen
/// yet, is still open: it waits for that commit or skips the row until the next pass.
/// </summary>
internal static class AudienceQueue
{
    /// <summary>Queues the profiles of a uuid[] parameter named <c>@audience_ids</c>.</summary>
    public const string EnqueueSql = """
        INSERT INTO cdp_audience_queue (profile_id, queued_at) SELECT DISTINCT id, now() FROM unnest(@audience_ids) AS q(id)
        ON CONFLICT (profile_id) DO UPDATE SET queued_at = cdp_audience_queue.queued_at
        """;

    /// <summary>Queues the profile ids a query answers (the caller's own SQL, never user input).</summary>
    public static string EnqueueQuery(string profileIdsQuery) => $"""
        INSERT INTO cdp_audience_queue (profile_id, queued_at) SELECT DISTINCT q.id, now() FROM ({profileIdsQuery}) AS q(id)
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

    /// <summary>Takes (deletes and answers) up to <paramref name="size"/> of the oldest entries, skipping rows a re-queuing transaction holds.</summary>
    public static async Task<List<(Guid ProfileId, DateTimeOffset QueuedAt)>> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int size, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            DELETE FROM cdp_audience_queue q WHERE q.profile_id IN (
                SELECT profile_id FROM cdp_audience_queue ORDER BY queued_at LIMIT @size FOR UPDATE SKIP LOCKED)
            RETURNING q.profile_id, q.queued_at
            """, connection, transaction);
        command.Parameters.AddWithValue("size", size);
        var taken = new List<(Guid, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            taken.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return taken;
    }
}
