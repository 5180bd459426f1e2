using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

internal sealed class DestinationOptions : ISettingsSection
{
    public static string Section => "Destinations";

    /// <summary>Run the senders and the event forwarder in this process (every instance may; deliveries are leased one sender at a time).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Allow URLs that resolve to loopback, link-local or private addresses (on-premise targets, tests). Off by default: SSRF.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Seconds to wait before each retry, in order (the Svix schedule, about 27 hours); after the last the delivery fails.</summary>
    public int[] RetryScheduleSeconds { get; set; } = [5, 300, 1800, 7200, 18000, 36000, 36000];

    /// <summary>How long one request may take.</summary>
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>A destination that has failed for this long, with no success between, is disabled and admins are told.</summary>
    public int DisableAfterDays { get; set; } = 5;

    /// <summary>Requests in flight to one destination at a time, per instance.</summary>
    public int ConcurrencyPerDestination { get; set; } = 4;

    /// <summary>Requests per second to one destination, per instance (0: no limit).</summary>
    public int RequestsPerSecondPerDestination { get; set; }

    /// <summary>How long a sender holds a delivery it took; a sender that died lets it go when this passes.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How long the sender and the forwarder sleep when there is nothing to do.</summary>
    public int IdleMilliseconds { get; set; } = 250;

    /// <summary>Days the delivery log keeps delivered and failed deliveries (job cdp:prune-deliveries).</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Event ids the forwarder reads per pass (a window of the resolved ids).</summary>
    public int ForwardBatch { get; set; } = 5000;

    /// <summary>The delay before retry number <paramref name="attempt"/> (1-based), or null when the schedule is exhausted.</summary>
    public TimeSpan? RetryDelay(int attempt) =>
        attempt >= 1 && attempt <= RetryScheduleSeconds.Length ? TimeSpan.FromSeconds(RetryScheduleSeconds[attempt - 1]) : null;
}
