using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Modules.Cdp.Segments;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Audiences;

/// <summary>
/// Time alone changes some memberships: an event leaving a window ("viewed pricing in the last hour", "did not buy in
/// 30 days") and a date trait moving in or out of "within the last N days". The sweep finds exactly the profiles whose
/// window edge passed since the last sweep (an event of the condition's name with a time between the two edges) and
/// queues them for the evaluator; segments with dates relative to now are evaluated whole, as nothing narrower marks who crossed.
/// </summary>
[SystemAccess("The audience evaluator sweeps window edges.")]
internal sealed class WindowEdgeSweep(IDbContextFactory<AppDbContext> dbFactory, SegmentRefresher refresher, TimeProvider timeProvider)
{
    public const string CheckpointName = "window-edges";

    /// <summary>Queues the profiles whose edges passed since the last sweep; answers how many were queued.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        List<(Guid Id, SegmentCondition Definition)> segments;
        var queued = 0;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
            var now = timeProvider.GetUtcNow();
            // The checkpoint row lock keeps two instances from sweeping the same span.
            var from = await SweptToAsync(connection, npgsqlTransaction, now, cancellationToken);
            segments = [.. (await db.Set<Segment>().AsNoTracking().Select(s => new { s.Id, s.Definition }).ToListAsync(cancellationToken))
                .Select(s => (s.Id, SegmentDefinitions.Parse(s.Definition)))];
            var edges = segments.SelectMany(s => s.Definition.Walk()).Where(n => n.Type == ConditionTypes.Event && n.Window() > TimeSpan.Zero)
                .GroupBy(n => n.Window(), n => n.Event!);
            foreach (var edge in edges)
            {
                await using var command = new NpgsqlCommand(AudienceQueue.EnqueueQuery($"""
                    SELECT pe.profile_id FROM ({EventMembership.RowsOfProfiles("@since", "@until", names: "@names", typesToo: EventMembership.NamesTypes(edge))}) pe
                    """), connection, npgsqlTransaction);
                command.Parameters.AddWithValue("since", from - edge.Key);
                command.Parameters.AddWithValue("until", now - edge.Key);
                command.Parameters.Add(new NpgsqlParameter("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = edge.Distinct().ToArray() });
                queued += await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var save = new NpgsqlCommand("UPDATE cdp_audience_checkpoints SET swept_to = @now, updated_at = now() WHERE name = @name", connection, npgsqlTransaction))
            {
                save.Parameters.AddWithValue("now", now);
                save.Parameters.AddWithValue("name", CheckpointName);
                await save.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var (id, _) in segments.Where(s => UsesRelativeDates(s.Definition)))
        {
            await refresher.RefreshAsync(id, cancellationToken);
        }

        return queued;
    }

    /// <summary>Whether the tree compares a trait or property with "within the last / next N days", which moves with the clock.</summary>
    public static bool UsesRelativeDates(SegmentCondition definition) =>
        definition.Walk().SelectMany(n => n.Where is null ? [n] : n.Where.Prepend(n))
            .Any(n => n.Operator is ConditionOperators.WithinLastDays or ConditionOperators.WithinNextDays);

    /// <summary>Where the last sweep ended (now on the first sweep: nothing has passed yet), with the row locked.</summary>
    private static async Task<DateTimeOffset> SweptToAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO cdp_audience_checkpoints (name, last_change_id, swept_to, updated_at) VALUES (@name, 0, @now, now()) ON CONFLICT DO NOTHING;
            SELECT swept_to FROM cdp_audience_checkpoints WHERE name = @name FOR UPDATE;
            """, connection, transaction);
        command.Parameters.AddWithValue("name", CheckpointName);
        command.Parameters.AddWithValue("now", now);
        var sweptTo = await command.ExecuteScalarAsync(cancellationToken);
        return sweptTo is DateTimeOffset at ? at : sweptTo is DateTime utc ? new DateTimeOffset(utc, TimeSpan.Zero) : now;
    }
}
