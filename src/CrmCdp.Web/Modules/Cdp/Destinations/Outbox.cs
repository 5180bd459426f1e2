using System.Text.Json;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>New deliveries, due at once, each with its own Standard Webhooks message id.</summary>
internal static class Outbox
{
    public static Delivery New(Guid destinationId, string kind, string payload, int eventCount, DateTimeOffset now) => new()
    {
        DestinationId = destinationId,
        WebhookId = "msg_" + Guid.CreateVersion7().ToString("N"),
        Kind = kind,
        Payload = payload,
        EventCount = eventCount,
        Status = DeliveryStatuses.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };
}

/// <summary>The subscriptions column, read and written the one way.</summary>
internal static class DestinationSubscriptionsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static DestinationSubscriptions Read(string json) => JsonSerializer.Deserialize<DestinationSubscriptions>(json, Options) ?? new();

    public static string Write(DestinationSubscriptions subscriptions) => JsonSerializer.Serialize(subscriptions, Options);
}
