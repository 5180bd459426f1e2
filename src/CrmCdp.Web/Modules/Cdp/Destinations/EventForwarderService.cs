using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>Runs the event and CRM fact forwarders; every instance may, and each checkpoint's lock lets one work at a time.</summary>
internal sealed partial class EventForwarderService(EventForwarder forwarder, CrmFactForwarder facts, IOptions<DestinationOptions> options, ILogger<EventForwarderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.IdleMilliseconds));
        while (options.Value.Enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await facts.ForwardAsync(stoppingToken);
                if (!await forwarder.ForwardAsync(stoppingToken))
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Forwarding events to destinations failed; retrying")]
    private partial void LogPassFailed(Exception exception);
}
