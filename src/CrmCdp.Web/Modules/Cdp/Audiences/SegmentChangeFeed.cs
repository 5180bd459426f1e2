using CrmCdp.Web.Modules.Cdp.Contracts;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Audiences;

/// <summary>
/// Delivers <c>cdp_segment_changes</c> to every consumer from its own checkpoint, in id order. Every writer of the feed
/// holds the segments' advisory lock, so ids commit in order and a checkpoint never passes a change still to come. A
/// consumer that fails is logged and tried again on the next delivery; the others go on.
/// </summary>
[SystemAccess("The audience evaluator delivers membership changes.")]
internal sealed partial class SegmentChangeFeed(IDbContextFactory<AppDbContext> dbFactory, IEnumerable<ISegmentChangeConsumer> consumers, ILogger<SegmentChangeFeed> logger)
{
    public const int BatchSize = 200;

    public static string CheckpointName(ISegmentChangeConsumer consumer) => "feed:" + consumer.Name;

    /// <summary>Delivers everything committed so far to every consumer; answers how many changes were handed over.</summary>
    public async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var consumer in consumers)
        {
            try
            {
                int count;
                do
                {
                    count = await DeliverBatchAsync(consumer, cancellationToken);
                    delivered += count;
                }
                while (count == BatchSize);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogConsumerFailed(e, consumer.Name);
            }
        }

        return delivered;
    }

    private async Task<int> DeliverBatchAsync(ISegmentChangeConsumer consumer, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var name = CheckpointName(consumer);
        long checkpoint;
        // Locked for the batch: another instance delivering to this consumer waits and then goes on from where this one ends.
        await using (var read = new NpgsqlCommand("""
            INSERT INTO cdp_audience_checkpoints (name, last_change_id, updated_at) VALUES (@name, 0, now()) ON CONFLICT DO NOTHING;
            SELECT last_change_id FROM cdp_audience_checkpoints WHERE name = @name FOR UPDATE;
            """, connection, (NpgsqlTransaction)transaction.GetDbTransaction()))
        {
            read.Parameters.AddWithValue("name", name);
            checkpoint = (long)(await read.ExecuteScalarAsync(cancellationToken))!;
        }

        var changes = await db.Set<Segments.SegmentMembershipChange>().AsNoTracking().Where(c => c.Id > checkpoint).OrderBy(c => c.Id).Take(BatchSize)
            .Select(c => new SegmentChange(c.Id, c.SegmentId, c.ProfileId, c.Kind, c.At)).ToListAsync(cancellationToken);
        if (changes.Count == 0)
        {
            return 0;
        }

        await consumer.HandleAsync(db, changes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var last = changes[^1].Id;
        await db.Set<AudienceCheckpoint>().Where(c => c.Name == name)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastChangeId, last).SetProperty(c => c.UpdatedAt, DateTimeOffset.UtcNow), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changes.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering segment changes to {Consumer} failed; it is tried again on the next delivery and the other consumers went on")]
    private partial void LogConsumerFailed(Exception exception, string consumer);
}
