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
    private NpgsqlConnection? _connection;

    public int QueueDepth => _queue.Reader.Count;

    /// <summary>Queues the events and waits for their commit; null when the queue is full (answer 429).</summary>
    public Task<WriteOutcome>? TryWrite(IReadOnlyList<IncomingEvent> events)
    {
        var work = new Work(events, new TaskCompletionSource<WriteOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(work) ? work.Done.Task : null;
    }

    public override void Dispose()
    {
        _connection?.Dispose();
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
            await DropConnectionAsync();
            foreach (var work in batch)
            {
                work.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>
    /// Stores events whose (source, messageId) are unique among themselves, in one transaction: first their messageIds
    /// (those already there come back: duplicates), then one binary COPY of the others straight into <c>cdp_events</c>.
    /// No staging table: truncating one per commit stalled commits for 100+ ms on this disk.
    /// </summary>
    /// <returns>The (source, messageId) pairs that were already stored by an earlier commit (duplicates, not stored again).</returns>
    private async Task<HashSet<(Guid, string)>> WriteAsync(ICollection<IncomingEvent> events, CancellationToken cancellationToken)
    {
        // The single writer keeps its connection: no pool round trip or session reset per commit.
        var connection = _connection ??= await _dataSource!.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var duplicates = new HashSet<(Guid, string)>();
        await using (var claim = new NpgsqlCommand("""
            WITH input AS (SELECT * FROM unnest(@sources, @messageIds, @receivedAt) AS t(source_id, message_id, received_at)),
            fresh AS (
                INSERT INTO cdp_message_ids (source_id, message_id, received_at) SELECT source_id, message_id, received_at FROM input
                ON CONFLICT DO NOTHING
                RETURNING source_id, message_id)
            SELECT i.source_id, i.message_id FROM input i
            WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.source_id = i.source_id AND f.message_id = i.message_id)
            """, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<Guid[]>("sources", [.. events.Select(e => e.SourceId)]));
            claim.Parameters.Add(new NpgsqlParameter<string[]>("messageIds", [.. events.Select(e => e.MessageId)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("receivedAt", [.. events.Select(e => e.ReceivedAt)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                duplicates.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY cdp_events (source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, \"timestamp\", received_at, sent_at, time_clamped, payload, violations) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var e in events)
            {
                if (duplicates.Count > 0 && duplicates.Contains((e.SourceId, e.MessageId)))
                {
                    continue;
                }

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

        await transaction.CommitAsync(cancellationToken);
        return duplicates;
    }

    /// <summary>After a failure the connection may be broken: the next commit opens a fresh one.</summary>
    private async Task DropConnectionAsync()
    {
        if (_connection is { } broken)
        {
            _connection = null;
            await broken.DisposeAsync();
        }
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingestion commit of {Events} events failed")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int events);

    private sealed record Work(IReadOnlyList<IncomingEvent> Events, TaskCompletionSource<WriteOutcome> Done);
}
