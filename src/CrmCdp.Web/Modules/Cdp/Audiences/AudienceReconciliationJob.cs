using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Platform.Jobs;
using Hangfire;

namespace CrmCdp.Web.Modules.Cdp.Audiences;

/// <summary>
/// Nightly: sweeps and drains the queue, then evaluates every segment over every profile. Whatever that full evaluation
/// still changes, incremental evaluation had missed: each difference is logged, counted in a metric, and fixed by the
/// full evaluation itself.
/// </summary>
internal sealed partial class AudienceReconciliationJob(
    WindowEdgeSweep sweep, AudienceEvaluator evaluator, SegmentRefresher refresher, SegmentChangeFeed feed, AudienceMetrics metrics, SegmentRefreshGate gate,
    ILogger<AudienceReconciliationJob> logger) : IRecurringJobDefinition
{
    public const string Id = "cdp:reconcile-audiences";

    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<AudienceReconciliationJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));

    /// <summary>Answers the number of differences found (and fixed).</summary>
    [AutomaticRetry(Attempts = 1)]
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        await gate.Running.WaitAsync(cancellationToken);
        try
        {
            await sweep.SweepAsync(cancellationToken);
            await evaluator.DrainAsync(cancellationToken);
            var results = await refresher.RefreshAllAsync(cancellationToken);
            var differences = results.Sum(r => r.Unexplained);
            metrics.Reconciled(differences);
            foreach (var result in results.Where(r => r.Unexplained > 0))
            {
                LogDifference(result.SegmentId, result.Unexplained, result.Entered, result.Exited);
            }

            LogReconciled(results.Count, differences);
            await feed.DeliverAsync(cancellationToken);
            return differences;
        }
        finally
        {
            gate.Running.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation of segment {SegmentId} found {Differences} differences from incremental evaluation ({Entered} entered, {Exited} exited); fixed")]
    private partial void LogDifference(Guid segmentId, long differences, long entered, long exited);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Segments} segments: {Differences} differences")]
    private partial void LogReconciled(int segments, long differences);
}
