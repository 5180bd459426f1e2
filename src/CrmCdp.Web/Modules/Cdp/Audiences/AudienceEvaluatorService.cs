using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Modules.Cdp.Audiences;

/// <summary>
/// The loop that keeps audiences current: evaluates queued profiles as they come, sweeps window edges every
/// <see cref="AudienceOptions.SweepSeconds"/>, and delivers the changes to the feed's consumers. Every instance runs it;
/// the segments' advisory lock makes one of them the evaluator at a time, and when it dies the next pass of another
/// takes over.
/// </summary>
internal sealed partial class AudienceEvaluatorService(
    AudienceEvaluator evaluator, WindowEdgeSweep sweep, SegmentChangeFeed feed, IOptions<AudienceOptions> options, TimeProvider timeProvider,
    ILogger<AudienceEvaluatorService> logger) : BackgroundService
{
    /// <summary>How often the feed is looked at when nothing was evaluated here (changes can come from a full refresh or another instance).</summary>
    private static readonly TimeSpan FeedInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(options.Value.IdleMilliseconds);
        var sweepEvery = TimeSpan.FromSeconds(Math.Clamp(options.Value.SweepSeconds, 1, 60));
        var nextSweep = timeProvider.GetUtcNow();
        var nextFeed = nextSweep;
        while (options.Value.Enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                var evaluated = await evaluator.EvaluateQueuedAsync(stoppingToken);
                var now = timeProvider.GetUtcNow();
                if (now >= nextSweep)
                {
                    nextSweep = now + sweepEvery;
                    await sweep.SweepAsync(stoppingToken);
                }

                if (evaluated > 0 || now >= nextFeed)
                {
                    nextFeed = now + FeedInterval;
                    await feed.DeliverAsync(stoppingToken);
                }

                if (evaluated < options.Value.BatchSize)
                {
                    await Task.Delay(idle, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The pass rolled back: its profiles are still queued and are taken again. Nothing may end this loop but
                // the app stopping: a background service that throws stops the whole host.
                LogPassFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audience evaluation pass failed; retrying")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
