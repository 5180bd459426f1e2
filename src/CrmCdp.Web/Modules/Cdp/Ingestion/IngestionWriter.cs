using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>What happened to a request's events: how many were stored, how many were duplicates of earlier ones, which PostgreSQL refused.</summary>
internal sealed record WriteOutcome(int Stored, int Duplicates, IReadOnlyList<RefusedEvent> Refused);

/// <summary>An event PostgreSQL refused to store although it passed every check of the parser, and why.</summary>
internal sealed record RefusedEvent(IncomingEvent Event, string Reason);

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
            await CommitIsolatingAsync([.. batch.SelectMany(w => w.Events.Select(e => new PendingEvent(w, e)))], cancellationToken);
            foreach (var work in batch)
            {
                var duplicates = work.Events.Count - work.Stored - work.Refused.Count;
                work.Done.TrySetResult(new WriteOutcome(work.Stored, duplicates, work.Refused));
                metrics.Accepted(work.Stored, duplicates);
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
    /// Commits the events; when PostgreSQL refuses their data, commits each half on its own, down to the single events
    /// it refuses, so that one bad event never fails the other requests of its group. Every attempt is one transaction,
    /// so a refused attempt stores nothing and no event is stored twice.
    /// </summary>
    private async Task CommitIsolatingAsync(List<PendingEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await CommitOnceAsync(events, cancellationToken);
        }
        catch (Exception ex) when (IsRefusedData(ex))
        {
            await DropConnectionAsync();
            if (events.Count == 1)
            {
                var refused = events[0];
                LogEventRefused(logger, ex, refused.Event.SourceId, refused.Event.MessageId);
                refused.Work.Refused.Add(new RefusedEvent(refused.Event, (ex as PostgresException)?.MessageText ?? ex.Message));
                metrics.Rejected("unstorable");
                return;
            }

            var half = events.Count / 2;
            await CommitIsolatingAsync(events[..half], cancellationToken);
            await CommitIsolatingAsync(events[half..], cancellationToken);
        }
    }

    private async Task CommitOnceAsync(List<PendingEvent> events, CancellationToken cancellationToken)
    {
        // Repeats inside this commit (an SDK retrying while its first try waits) are duplicates before they reach the database.
        var unique = new Dictionary<(Guid, string), IncomingEvent>();
        foreach (var pending in events)
        {
            unique.TryAdd((pending.Event.SourceId, pending.Event.MessageId), pending.Event);
        }

        var alreadyStored = await WriteAsync(unique.Values, cancellationToken);
        foreach (var (work, e) in events)
        {
            var key = (e.SourceId, e.MessageId);
            if (ReferenceEquals(unique[key], e) && !alreadyStored.Contains(key))
            {
                work.Stored++;
            }
        }
    }

    /// <summary>
    /// Whether the failure is about the data (PostgreSQL classes 22 data exception, 23 integrity, 54 program limit, or a
    /// string the driver cannot encode), so retrying other events can succeed. Anything else means the database is unavailable.
    /// </summary>
    private static bool IsRefusedData(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("22", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("23", StringComparison.Ordinal) || postgres.SqlState.StartsWith("54", StringComparison.Ordinal),
        System.Text.EncoderFallbackException => true,
        NpgsqlException { InnerException: { } inner } => IsRefusedData(inner),
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingestion commit of {Events} events failed")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int events);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL refused to store event {MessageId} of source {SourceId}; only its request is answered 400")]
    private static partial void LogEventRefused(ILogger logger, Exception exception, Guid sourceId, string messageId);

    /// <summary>One request's events, answered once all of them are committed or refused.</summary>
    private sealed class Work(IReadOnlyList<IncomingEvent> events, TaskCompletionSource<WriteOutcome> done)
    {
        public IReadOnlyList<IncomingEvent> Events { get; } = events;

        public TaskCompletionSource<WriteOutcome> Done { get; } = done;

        public int Stored { get; set; }

        public List<RefusedEvent> Refused { get; } = [];
    }

    private readonly record struct PendingEvent(Work Work, IncomingEvent Event);
}
