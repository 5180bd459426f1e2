using CrmCdp.Web.Platform.Jobs;
using Hangfire;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>Every minute: computed traits first (segments use them), then every segment in dependency order, then activation of the new entries.</summary>
internal sealed class SegmentRefreshJob(ComputedTraitCalculator computedTraits, SegmentRefresher refresher, SegmentActivator activator, SegmentRefreshGate gate)
    : IRecurringJobDefinition
{
    public const string Id = "cdp:refresh-segments";

    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<SegmentRefreshJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());

    /// <summary>
    /// The minute's run. A run that outlasts the minute makes the next one skip instead of holding a Hangfire worker
    /// while it waits. Across app instances the refresh lock keeps runs from interleaving (each step takes it).
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await gate.Running.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            await RunHoldingGateAsync(cancellationToken);
        }
    }

    /// <summary>A full run whose results the caller needs (a test, a support tool): waits for a run in progress, then runs.</summary>
    public async Task RunNowAsync(CancellationToken cancellationToken)
    {
        await gate.Running.WaitAsync(cancellationToken);
        await RunHoldingGateAsync(cancellationToken);
    }

    private async Task RunHoldingGateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await computedTraits.ComputeAllAsync(cancellationToken);
            await refresher.RefreshAllAsync(cancellationToken);
            await activator.RunAsync(cancellationToken);
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
        await activator.RunAsync(cancellationToken);
    }
}
