using System.Diagnostics;
using CrmCdp.Web.Platform.ContactPoints;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>
/// Follows <c>cdp_events</c> by id from a checkpoint and resolves each event's identifiers into profiles, in batches.
/// Every batch runs in one transaction under an advisory lock, so two app instances never resolve the same events
/// and a split by a data steward never interleaves with a batch.
/// </summary>
internal sealed partial class IdentityResolutionProcessor(
    IDbContextFactory<AppDbContext> dbFactory, IdentityRulesProvider rulesProvider, ContactPointNormalizer normalizer, ResolutionMetrics metrics,
    IOptions<IdentityResolutionOptions> options, ILogger<IdentityResolutionProcessor> logger) : BackgroundService
{
    /// <summary>The advisory lock of the identity graph (any 64-bit constant unique in this database).</summary>
    public const long GraphLock = 0x43445049_44454E54;

    private readonly bool _enabled = options.Value.Enabled;
    private readonly int _batchSize = options.Value.BatchSize;
    private readonly TimeSpan _idle = TimeSpan.FromMilliseconds(options.Value.IdleMilliseconds);
    private readonly TimeSpan _safetyLag = TimeSpan.FromMilliseconds(options.Value.SafetyLagMilliseconds);
    private NpgsqlDataSource? _dataSource;

    public override void Dispose()
    {
        _dataSource?.Dispose();
        base.Dispose();
    }

    /// <summary>Resolves one batch; returns how many events it read (0 when caught up or another instance holds the lock).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (_dataSource is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            _dataSource ??= NpgsqlDataSource.Create(db.Database.GetConnectionString()!);
        }

        var stopwatch = Stopwatch.StartNew();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", GraphLock);
            if (!(bool)(await lockCommand.ExecuteScalarAsync(cancellationToken))!)
            {
                return 0;
            }
        }

        var rules = await rulesProvider.CurrentAsync(cancellationToken);
        var outcome = await new ResolutionBatch(connection, transaction, rules, normalizer).RunAsync(_batchSize, _safetyLag, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (outcome.Events > 0)
        {
            metrics.Resolved(outcome.Events, outcome.LastReceivedAt, stopwatch.Elapsed);
        }
        else
        {
            metrics.CaughtUp();
        }

        return outcome.Events;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off only where something else drives RunOnceAsync (the benchmark).
        while (_enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) < _batchSize)
                {
                    await Task.Delay(_idle, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or System.Text.Json.JsonException)
            {
                // The batch rolled back; the checkpoint did not move, so the same events are tried again.
                LogBatchFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Identity resolution batch failed; retrying")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception);
}
