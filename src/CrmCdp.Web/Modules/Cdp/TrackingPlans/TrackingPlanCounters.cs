using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>Writes what was counted so far (also used by tests and on shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
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

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write tracking plan violation counts; they are lost for this interval")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);

    private sealed class Tally
    {
        public long Violations { get; set; }

        public long Blocked { get; set; }
    }
}
