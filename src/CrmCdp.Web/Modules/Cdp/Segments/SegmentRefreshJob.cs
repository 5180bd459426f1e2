using CrmCdp.Web.Modules.Cdp.Audiences;
using CrmCdp.Web.Platform.Jobs;
using Hangfire;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// Every minute: computed traits (the profiles whose values changed are queued for the audience evaluator), then the
/// change feed. Segment members themselves are kept current by <see cref="AudienceEvaluator"/> within seconds.
/// </summary>
internal sealed class SegmentRefreshJob(ComputedTraitCalculator computedTraits, SegmentRefresher refresher, SegmentChangeFeed feed, SegmentRefreshGate gate)
    : IRecurringJobDefinition
{
    public const string Id = "cdp:refresh-segments";

    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<SegmentRefreshJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());

    /// <summary>The minute's run. A run that outlasts the minute makes the next one skip instead of holding a Hangfire worker while it waits.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await gate.Running.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            try
            {
                await computedTraits.ComputeAllAsync(cancellationToken);
                await feed.DeliverAsync(cancellationToken);
            }
            finally
            {
                gate.Running.Release();
            }
        }
    }

    /// <summary>
    /// Computed traits and a full evaluation of every segment, then the feed, whose results the caller needs (a test, a
    /// support tool): waits for a run in progress, then runs.
    /// </summary>
    public async Task RunNowAsync(CancellationToken cancellationToken)
    {
        await gate.Running.WaitAsync(cancellationToken);
        try
        {
            await computedTraits.ComputeAllAsync(cancellationToken);
            await refresher.RefreshAllAsync(cancellationToken);
            await feed.DeliverAsync(cancellationToken);
        }
        finally
        {
            gate.Running.Release();
        }
    }

    /// <summary>One segment right after it is saved, so its builder shows members without waiting for the minute.</summary>
    [AutomaticRetry(Attempts = 1)]
    public async Task RefreshOneAsync(Guid segmentId, CancellationToken cancellationToken)
    {
        await refresher.RefreshAsync(segmentId, cancellationToken);
        await feed.DeliverAsync(cancellationToken);
    }
}
