using CrmCdp.Web.Platform.Jobs;
using Hangfire;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>Every minute: computed traits first (segments use them), then every segment in dependency order, then activation of the new entries.</summary>
internal sealed class SegmentRefreshJob(ComputedTraitCalculator computedTraits, SegmentRefresher refresher, SegmentActivator activator) : IRecurringJobDefinition
{
    public const string Id = "cdp:refresh-segments";

    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<SegmentRefreshJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await computedTraits.ComputeAllAsync(cancellationToken);
        await refresher.RefreshAllAsync(cancellationToken);
        await activator.RunAsync(cancellationToken);
    }

    /// <summary>One segment right after it is saved, so its builder shows members without waiting for the minute.</summary>
    [AutomaticRetry(Attempts = 1)]
    public async Task RefreshOneAsync(Guid segmentId, CancellationToken cancellationToken)
    {
        await refresher.RefreshAsync(segmentId, cancellationToken);
        await activator.RunAsync(cancellationToken);
    }
}
