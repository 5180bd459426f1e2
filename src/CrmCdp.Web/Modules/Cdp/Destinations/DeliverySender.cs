using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>
/// Sends the deliveries that are due, each destination on its own: a destination gets at most
/// <see cref="DestinationOptions.ConcurrencyPerDestination"/> requests at once (and its rate limit), and the loop never
/// waits for one request, so a slow or dead receiver only ever holds its own slots. Every instance runs it; leases keep
/// two from sending the same delivery, and a lease that a dead instance held runs out and is taken again.
/// </summary>
[SystemAccess("The destination senders deliver what the outbox holds.")]
internal sealed partial class DeliverySender(
    IDbContextFactory<AppDbContext> dbFactory, DeliveryStore store, WebhookClient client, DestinationAlerts alerts, IOptions<DestinationOptions> options,
    TimeProvider timeProvider, ILogger<DeliverySender> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, int> _inFlight = new();
    private readonly ConcurrentDictionary<Guid, RateLimiter> _limiters = new();
    private readonly SemaphoreSlim _finished = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.IdleMilliseconds));
        while (options.Value.Enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchAsync(stoppingToken) == 0)
                {
                    // Woken early when a request ends, so a freed slot is used at once.
                    await _finished.WaitAsync(idle, stoppingToken);
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

    /// <summary>Leases what each enabled destination has room for and starts sending it; answers how many it started.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var destinations = await db.Set<Destination>().AsNoTracking().Where(d => d.Enabled).ToListAsync(cancellationToken);
        var started = 0;
        foreach (var destination in destinations)
        {
            var room = options.Value.ConcurrencyPerDestination - _inFlight.GetValueOrDefault(destination.Id);
            if (room <= 0)
            {
                continue;
            }

            foreach (var delivery in await store.LeaseAsync(destination.Id, room, TimeSpan.FromSeconds(options.Value.LeaseSeconds), cancellationToken))
            {
                _inFlight.AddOrUpdate(destination.Id, 1, (_, n) => n + 1);
                started++;
                _ = SendAsync(destination, delivery, cancellationToken);
            }
        }

        return started;
    }

    private async Task SendAsync(Destination destination, LeasedDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            using var permit = await Limiter(destination.Id).AcquireAsync(1, cancellationToken);
            var result = await client.SendAsync(destination, delivery.WebhookId, delivery.Payload, cancellationToken);
            var now = timeProvider.GetUtcNow();
            var outcome = DeliveryOutcome.Decide(result, delivery.Attempts + 1, destination.FailingSince, options.Value, now);
            if (await store.RecordAsync(destination.Id, delivery, result, outcome, now, CancellationToken.None))
            {
                await alerts.DisabledAsync(destination, outcome.DisableReason!, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Left leased: the lease runs out and the delivery is tried again.
            LogSendFailed(e, delivery.Id, destination.Id);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the lease runs out and another instance, or this one after a restart, sends it.
        }
        finally
        {
            _inFlight.AddOrUpdate(destination.Id, 0, (_, n) => n - 1);
            _finished.Release();
        }
    }

    private RateLimiter Limiter(Guid destinationId) => _limiters.GetOrAdd(destinationId, _ => options.Value.RequestsPerSecondPerDestination is > 0 and var rate
        ? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = rate,
            TokensPerPeriod = rate,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            AutoReplenishment = true,
        })
        : new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = int.MaxValue, QueueLimit = 0 }));

    public override void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }

        _finished.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Destination sender pass failed; retrying")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending delivery {DeliveryId} to destination {DestinationId} failed before its outcome was recorded; it is sent again when its lease runs out")]
    private partial void LogSendFailed(Exception exception, long deliveryId, Guid destinationId);
}
