using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>Takes up the people whose next step is due, a batch at a time on each of its workers, until nobody is; then rests until woken or polled.</summary>
internal sealed partial class JourneyRunner(JourneyStepper stepper, JourneyWakeUp wakeUp, IOptions<JourneyOptions> options, ILogger<JourneyRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Workers)).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.IdleMilliseconds));
        while (options.Value.Enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await stepper.RunDueAsync(stoppingToken) == 0)
                {
                    await wakeUp.WaitAsync(idle, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The journey runner failed; retrying")]
    private partial void LogPassFailed(Exception exception);
}
