using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>Keeps the event and CRM triggers following their sources; every instance may run it, each checkpoint's row lock lets one read at a time.</summary>
internal sealed partial class JourneyEventTriggerService(JourneyEventEnroller enroller, JourneyCrmEnroller crmEnroller, IOptions<JourneyOptions> options, ILogger<JourneyEventTriggerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.IdleMilliseconds));
        while (options.Value.Enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!(await enroller.EnrolAsync(stoppingToken) | await crmEnroller.EnrolAsync(stoppingToken)))
                {
                    await Task.Delay(idle, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The pass rolled back with its checkpoint: the same events are read again.
                LogPassFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Enrolling people by journey event triggers failed; retrying")]
    private partial void LogPassFailed(Exception exception);
}
