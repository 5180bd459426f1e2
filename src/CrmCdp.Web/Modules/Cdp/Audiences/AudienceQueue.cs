using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Audiences;

/// <summary>A profile at the head of the queue, with every entry of it that was there when the evaluator looked.</summary>
internal sealed record QueuedProfile(Guid ProfileId, long[] EntryIds, DateTimeOffset QueuedAt);

/// <summary>
/// The profiles waiting for evaluation, as an append-only list of entries: a writer (the resolver, a split, the sweep,
/// a computed trait that changed) only ever inserts, so it never waits for the evaluator, whose pass holds the rows it
/// takes until it commits (an upsert of one row per profile made the resolver wait a whole pass, and resolution fell
/// seconds behind under load). The evaluator takes exactly the entries it saw: one queued later, by a transaction whose
/// events it may not have seen, stays for the next pass.
/// </summary>
internal static class AudienceQueue
{
    /// <summary>Queues the profiles of a uuid[] parameter named <c>@audience_ids</c>.</summary>
    public const string EnqueueSql = "INSERT INTO cdp_audience_queue (profile_id, queued_at) SELECT DISTINCT id, now() FROM unnest(@audience_ids) AS q(id)";

    /// <summary>Queues the profile ids a query answers (the caller's own SQL, never user input).</summary>
    public static string EnqueueQuery(string profileIdsQuery) =>
        $"INSERT INTO cdp_audience_queue (profile_id, queued_at) SELECT DISTINCT q.id, now() FROM ({profileIdsQuery}) AS q(id)";

    public static NpgsqlBatchCommand Enqueue(IEnumerable<Guid> profileIds)
    {
        var command = new NpgsqlBatchCommand(EnqueueSql);
        command.Parameters.Add(IdsParameter(profileIds));
        return command;
    }

    public static NpgsqlParameter IdsParameter(IEnumerable<Guid> profileIds) =>
        new NpgsqlParameter<Guid[]>("audience_ids", [.. profileIds]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };

    /// <summary>
    /// The <paramref name="size"/> profiles queued longest, each with all its entries, read without taking them: their
    /// computed traits are brought up to date before they are taken (<see cref="TakeAsync"/>).
    /// </summary>
    public static async Task<List<QueuedProfile>> PeekAsync(NpgsqlConnection connection, int size, CancellationToken cancellationToken)
    {
        // The head is found among the oldest entries (a busy profile has several), then each chosen profile's entries all come.
        await using var command = new NpgsqlCommand("""
            WITH head AS (
                SELECT profile_id FROM (SELECT id, profile_id FROM cdp_audience_queue ORDER BY id LIMIT @scan) q
                GROUP BY profile_id ORDER BY min(id) LIMIT @size)
            SELECT q.profile_id, array_agg(q.id), min(q.queued_at) FROM cdp_audience_queue q JOIN head USING (profile_id)
            GROUP BY q.profile_id ORDER BY min(q.id)
            """, connection);
        command.Parameters.AddWithValue("size", size);
        command.Parameters.AddWithValue("scan", size * 4);
        var peeked = new List<QueuedProfile>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            peeked.Add(new QueuedProfile(reader.GetGuid(0), reader.GetFieldValue<long[]>(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return peeked;
    }

    /// <summary>
    /// Takes (deletes) the peeked entries in the evaluator's transaction and answers the profiles whose entries it took
    /// (another instance's evaluator may have taken some first).
    /// </summary>
    public static async Task<List<QueuedProfile>> TakeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<QueuedProfile> peeked, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM cdp_audience_queue WHERE id = ANY(@ids) RETURNING profile_id", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. peeked.SelectMany(p => p.EntryIds)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        var taken = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            taken.Add(reader.GetGuid(0));
        }

        return [.. peeked.Where(p => taken.Contains(p.ProfileId))];
    }
}
