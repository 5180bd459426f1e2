using System.Diagnostics;
using System.Threading.Channels;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>What happened to a request's events: how many were stored and how many were duplicates of earlier ones.</summary>
internal sealed record WriteOutcome(int Stored, int Duplicates);

/// <summary>
/// Group commit: requests hand their events to a bounded queue and wait; one writer takes everything queued (up to a
/// few thousand events or a few milliseconds), writes it with one binary COPY and one statement that keeps only
/// messageIds not seen before, commits, and only then answers every waiting request. A full queue is back-pressure.
/// </summary>
internal sealed partial class IngestionWriter(IDbContextFactory<AppDbContext> dbFactory, IngestionMetrics metrics, ILogger<IngestionWriter> logger)
    : BackgroundService
{
    public const int QueueCapacity = 2_000;
    private const int MaxEventsPerCommit = 5_000;

    private readonly Channel<Work> _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    private NpgsqlDataSource? _dataSource;

    public int QueueDepth => _queue.Reader.Count;

    /// <summary>Queues the events and waits for their commit; null when the queue is full (answer 429).</summary>
    public Task<WriteOutcome>? TryWrite(IReadOnlyList<IncomingEvent> events)
    {
        var work = new Work(events, new TaskCompletionSource<WriteOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(work) ? work.Done.Task : null;
    }

    public override void Dispose()
    {
        _dataSource?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveQueueDepth(() => _queue.Reader.Count);
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            _dataSource = NpgsqlDataSource.Create(db.Database.GetConnectionString()!);
        }

        var batch = new List<Work>();
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            var count = 0;
            while (count < MaxEventsPerCommit && _queue.Reader.TryRead(out var work))
            {
                batch.Add(work);
                count += work.Events.Count;
            }

            await CommitAsync(batch, stoppingToken);
        }
    }

    private async Task CommitAsync(List<Work> batch, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            // Repeats inside this commit (an SDK retrying while its first try waits) are duplicates before they reach the database.
            var unique = new Dictionary<(Guid, string), IncomingEvent>();
            foreach (var e in batch.SelectMany(w => w.Events))
            {
                unique.TryAdd((e.SourceId, e.MessageId), e);
            }

            var alreadyStored = await WriteAsync(unique.Values, cancellationToken);
            foreach (var work in batch)
            {
                var mine = work.Events.Count(e => unique.TryGetValue((e.SourceId, e.MessageId), out var first) && ReferenceEquals(first, e) && !alreadyStored.Contains((e.SourceId, e.MessageId)));
                work.Done.TrySetResult(new WriteOutcome(mine, work.Events.Count - mine));
                metrics.Accepted(mine, work.Events.Count - mine);
            }

            metrics.Committed(stopwatch.Elapsed);
        }
#pragma warning disable CA1031 // Every waiting request must hear about the failure (and answer 503) rather than hang.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCommitFailed(logger, ex, batch.Sum(w => w.Events.Count));
            foreach (var work in batch)
            {
                work.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>Stores events whose (source, messageId) are unique among themselves.</summary>
    /// <returns>The (source, messageId) pairs that were already stored by an earlier commit (duplicates, not stored again).</returns>
    private async Task<HashSet<(Guid, string)>> WriteAsync(ICollection<IncomingEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource!.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE IF NOT EXISTS cdp_stage (
                source_id uuid, message_id varchar(100), type varchar(10), event varchar(255), user_id varchar(255),
                anonymous_id varchar(255), group_id varchar(255), previous_id varchar(255), "timestamp" timestamptz,
                received_at timestamptz, sent_at timestamptz, time_clamped boolean, payload jsonb, violations jsonb) ON COMMIT DELETE ROWS
            """, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY cdp_stage (source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, \"timestamp\", received_at, sent_at, time_clamped, payload, violations) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var e in events)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(e.SourceId, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(e.MessageId, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(e.Type, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, e.Event, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, e.UserId, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, e.AnonymousId, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, e.GroupId, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, e.PreviousId, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(e.Timestamp, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(e.ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                if (e.SentAt is { } sent)
                {
                    await importer.WriteAsync(sent, NpgsqlDbType.TimestampTz, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }

                await importer.WriteAsync(e.TimeClamped, NpgsqlDbType.Boolean, cancellationToken);
                await importer.WriteAsync(e.Payload, NpgsqlDbType.Jsonb, cancellationToken);
                await WriteNullableAsync(importer, e.Violations, NpgsqlDbType.Jsonb, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        // Only the duplicates come back (usually none), not a row per stored event.
        var duplicates = new HashSet<(Guid, string)>();
        await using (var insert = new NpgsqlCommand("""
            WITH fresh AS (
                INSERT INTO cdp_message_ids (source_id, message_id, received_at)
                SELECT source_id, message_id, received_at FROM cdp_stage
                ON CONFLICT DO NOTHING
                RETURNING source_id, message_id),
            stored AS (
                INSERT INTO cdp_events (source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload, violations)
                SELECT s.source_id, s.message_id, s.type, s.event, s.user_id, s.anonymous_id, s.group_id, s.previous_id,
                       s."timestamp", s.received_at, s.sent_at, s.time_clamped, s.payload, s.violations
                FROM cdp_stage s JOIN fresh f ON f.source_id = s.source_id AND f.message_id = s.message_id)
            SELECT s.source_id, s.message_id FROM cdp_stage s
            WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.source_id = s.source_id AND f.message_id = s.message_id)
            """, connection, transaction))
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                duplicates.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return duplicates;
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingestion commit of {Events} events failed")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int events);

    private sealed record Work(IReadOnlyList<IncomingEvent> Events, TaskCompletionSource<WriteOutcome> Done);
}
