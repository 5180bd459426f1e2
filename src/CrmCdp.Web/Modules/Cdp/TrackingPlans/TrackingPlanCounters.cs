using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.TrackingPlans;

/// <summary>
/// Counts violations per source and rule in memory and adds them to <c>cdp_tracking_plan_violations</c> every few
/// seconds, so a flood of violating events costs no extra database round trip per request.
/// </summary>
internal sealed partial class TrackingPlanCounters(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider, ILogger<TrackingPlanCounters> logger)
    : BackgroundService
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private Dictionary<(Guid Source, string Rule), Tally> _pending = [];

    public void Count(Guid sourceId, IEnumerable<PlanViolation> violations, bool blocked)
    {
        lock (_gate)
        {
            foreach (var rule in violations.Select(v => v.Rule).Distinct(StringComparer.Ordinal))
            {
                if (!_pending.TryGetValue((sourceId, rule), out var tally))
                {
                    _pending[(sourceId, rule)] = tally = new Tally();
                }

                if (blocked)
                {
                    tally.Blocked++;
                }
                else
                {
                    tally.Violations++;
                }
            }
        }
    }

    /// <summary>
    /// Writes everything counted before the call; when it returns, those counts are in the database. One flush at a
    /// time: a reader's flush waits for the timer's flush that took the counts it wants to see.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            Dictionary<(Guid Source, string Rule), Tally> counted;
            lock (_gate)
            {
                (counted, _pending) = (_pending, []);
            }

            if (counted.Count == 0)
            {
                return;
            }

            try
            {
                await WriteAsync(counted, cancellationToken);
            }
            catch
            {
                Restore(counted);
                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    public override void Dispose()
    {
        _flushing.Dispose();
        base.Dispose();
    }

    private async Task WriteAsync(Dictionary<(Guid Source, string Rule), Tally> counted, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        foreach (var ((source, rule), tally) in counted)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO cdp_tracking_plan_violations (source_id, rule, violations, blocked, last_seen_at)
                VALUES ({source}, {rule[..Math.Min(rule.Length, 300)]}, {tally.Violations}, {tally.Blocked}, {now})
                ON CONFLICT (source_id, rule) DO UPDATE SET violations = cdp_tracking_plan_violations.violations + excluded.violations,
                    blocked = cdp_tracking_plan_violations.blocked + excluded.blocked, last_seen_at = excluded.last_seen_at
                """, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Puts counts that could not be written back, so the next flush tries them again.</summary>
    private void Restore(Dictionary<(Guid Source, string Rule), Tally> counted)
    {
        lock (_gate)
        {
            foreach (var (key, tally) in counted)
            {
                if (_pending.TryGetValue(key, out var newer))
                {
                    newer.Violations += tally.Violations;
                    newer.Blocked += tally.Blocked;
                }
                else
                {
                    _pending[key] = tally;
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushSafelyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await FlushSafelyAsync(CancellationToken.None);
    }

    private async Task FlushSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            LogFlushFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write tracking plan violation counts; the next flush tries again")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);

    private sealed class Tally
    {
        public long Violations { get; set; }

        public long Blocked { get; set; }
    }
}
