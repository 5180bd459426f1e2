using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Platform.Jobs;
using Hangfire;

namespace CrmCdp.Web.Modules.Cdp.Audiences;

/// <summary>
/// Nightly: sweeps and drains the queue, then computes every computed trait and evaluates every segment over every
/// profile. Whatever that full computation still changes, incremental evaluation had missed: each difference is logged,
/// counted in a metric, and fixed by the full computation itself.
/// </summary>
internal sealed partial class AudienceReconciliationJob(
    WindowEdgeSweep sweep, AudienceEvaluator evaluator, ComputedTraitCalculator computedTraits, SegmentRefresher refresher, SegmentChangeFeed feed, AudienceMetrics metrics, SegmentRefreshGate gate,
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
            // Traits whose values move with time alone (decay, days since) are the minute job's; a change of any other is a miss.
            var traits = await computedTraits.ComputeAllAsync(cancellationToken);
            foreach (var trait in traits.Where(t => !t.DriftsWithTime && t.Changed > 0))
            {
                LogTraitDifference(trait.Key, trait.Changed);
            }

            var results = await refresher.RefreshAllAsync(cancellationToken);
            var differences = results.Sum(r => r.Unexplained) + traits.Where(t => !t.DriftsWithTime).Sum(t => t.Changed);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation of computed trait {Key} found {Differences} values that differed from incremental computation; fixed")]
    private partial void LogTraitDifference(string key, long differences);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Segments} segments: {Differences} differences")]
    private partial void LogReconciled(int segments, long differences);
}
