using System.Text.Json.Serialization;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

public sealed class DestinationInput
{
    public string? Name { get; set; }

    /// <summary>webhook (the only kind today).</summary>
    public string? Type { get; set; }

    public string? Url { get; set; }

    public Dictionary<string, string>? Headers { get; set; }

    public bool? Enabled { get; set; }

    public DestinationSubscriptions? Subscriptions { get; set; }

    /// <summary>Events per request when forwarding raw events, 1 to 500 (default 1).</summary>
    public int? BatchSize { get; set; }

    public string? ConsentCategory { get; set; }

    public bool? IncludePii { get; set; }
}

public sealed record DestinationDto(
    Guid Id, string Name, string Type, string Url, IReadOnlyDictionary<string, string> Headers, bool Enabled, string? DisabledReason,
    DestinationSubscriptions Subscriptions, int BatchSize, string? ConsentCategory, bool IncludePii, DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset? FailingSince, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Only in the answer to creating or rotating: the signing secret's only appearance.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }
}

public sealed record DeliveryDto(
    long Id, string WebhookId, string Kind, string Status, int Attempts, int? LastStatusCode, string? LastError, int EventCount,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt);

public sealed record DeliveryAttemptDto(DateTimeOffset At, int? StatusCode, int LatencyMs, string? ResponseExcerpt, string? Error);

/// <summary>One delivery with its payload and every attempt, oldest first.</summary>
public sealed record DeliveryDetailDto(DeliveryDto Delivery, string Payload, IReadOnlyList<DeliveryAttemptDto> AttemptLog);

/// <summary>Newest first; pass <see cref="NextCursor"/> as <c>?cursor=</c> for the page after.</summary>
public sealed record DeliveryPage(IReadOnlyList<DeliveryDto> Items, string? NextCursor);

public sealed record TestSendResult(bool Succeeded, int? StatusCode, int LatencyMs, string? ResponseExcerpt, string? Error, long DeliveryId);

public sealed record ReplayResult(int Replayed);

/// <summary>A destination's last 24 hours: attempts, how many succeeded, and latency per hour.</summary>
public sealed record DestinationHealth(int Attempts, int Succeeded, double? SuccessRate, IReadOnlyList<HourlyLatency> Hours, int Pending);

public sealed record HourlyLatency(DateTimeOffset Hour, int Attempts, double AverageMs, int Failures);
