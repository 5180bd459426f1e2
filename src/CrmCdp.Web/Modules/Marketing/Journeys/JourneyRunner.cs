using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>Takes up the people whose next step is due, one at a time, until nobody is; then rests until woken or polled.</summary>
internal sealed partial class JourneyRunner(JourneyStepper stepper, JourneyWakeUp wakeUp, IOptions<JourneyOptions> options, ILogger<JourneyRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.IdleMilliseconds));
        while (options.Value.Enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await stepper.RunNextAsync(stoppingToken))
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
