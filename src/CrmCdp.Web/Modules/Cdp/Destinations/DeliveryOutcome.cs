namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>What follows an attempt: the delivery's new status and next try, and whether the destination is switched off.</summary>
/// <param name="DisableReason">Set when the destination must be disabled (a 410, or failures for too long).</param>
internal sealed record DeliveryOutcome(string Status, DateTimeOffset NextAttemptAt, string? DisableReason)
{
    /// <summary>
    /// A 2xx delivers. A 410 fails it and disables the destination. Anything else (an error, a timeout, another status)
    /// retries on the schedule, or when <c>Retry-After</c> asked on a 429 or 503 (the receiver knows its limits), until the
    /// schedule runs out. A destination failing since <paramref name="failingSince"/> for the configured days is disabled.
    /// </summary>
    /// <param name="attempts">Attempts made, this one included.</param>
    public static DeliveryOutcome Decide(AttemptResult result, int attempts, DateTimeOffset? failingSince, DestinationOptions options, DateTimeOffset now)
    {
        if (result.Succeeded)
        {
            return new DeliveryOutcome(DeliveryStatuses.Delivered, now, null);
        }

        if (result.StatusCode == 410)
        {
            return new DeliveryOutcome(DeliveryStatuses.Failed, now, "The receiver answered 410 Gone.");
        }

        var failingFor = now - (failingSince ?? now);
        var disable = failingFor >= TimeSpan.FromDays(options.DisableAfterDays)
            ? $"Every delivery failed for {options.DisableAfterDays} days (last: {result.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? result.Error})."
            : null;
        if (options.RetryDelay(attempts) is not { } delay)
        {
            return new DeliveryOutcome(DeliveryStatuses.Failed, now, disable);
        }

        // Honoured up to a day, so a receiver cannot park a delivery for ever.
        var wait = result.RetryAfter is { } asked ? TimeSpan.FromTicks(Math.Clamp(asked.Ticks, 0, TimeSpan.TicksPerDay)) : delay;
        return new DeliveryOutcome(DeliveryStatuses.Retrying, now + wait, disable);
    }
}
