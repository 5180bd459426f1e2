using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>
/// One message to one destination: written in the same transaction as the fact it reports (the outbox), then sent, retried
/// and logged. Its webhook id never changes, so a receiver can de-duplicate what at-least-once delivery repeats.
/// </summary>
internal sealed class Delivery
{
    public long Id { get; set; }

    public Guid DestinationId { get; set; }

    /// <summary>The Standard Webhooks message id (msg_…), the same on every attempt and replay.</summary>
    public string WebhookId { get; set; } = "";

    /// <summary>event, audience, crm, privacy, journey or test.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The request body, exactly as signed and sent.</summary>
    public string Payload { get; set; } = "";

    /// <summary>How many events the body carries (a batch holds several).</summary>
    public int EventCount { get; set; } = 1;

    public string Status { get; set; } = DeliveryStatuses.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A sender holds the delivery until then; one that died lets it go when it passes.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>One try of a delivery: when, the answer, how long it took and what the receiver said.</summary>
internal sealed class DeliveryAttempt
{
    public long Id { get; set; }

    public long DeliveryId { get; set; }

    public Guid DestinationId { get; set; }

    public DateTimeOffset At { get; set; }

    public int? StatusCode { get; set; }

    public int LatencyMs { get; set; }

    public string? ResponseExcerpt { get; set; }

    public string? Error { get; set; }
}

internal static class DeliveryStatuses
{
    public const string Pending = "pending";
    public const string Retrying = "retrying";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

internal static class DeliveryKinds
{
    public const string Event = "event";
    public const string Audience = "audience";
    public const string Crm = "crm";
    public const string Test = "test";
    public const string Privacy = "privacy";
    public const string Journey = "journey";
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>, IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.ToTable("cdp_deliveries");
        builder.Property(d => d.WebhookId).HasMaxLength(40);
        builder.Property(d => d.Kind).HasMaxLength(20);
        builder.Property(d => d.Status).HasMaxLength(20);
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.HasIndex(d => d.WebhookId).IsUnique();
        builder.HasIndex(d => new { d.DestinationId, d.Id });
        // The senders' work list stays small however long the log grows.
        builder.HasIndex(d => d.NextAttemptAt).HasFilter("status IN ('pending', 'retrying')");
        builder.HasOne<Destination>().WithMany().HasForeignKey(d => d.DestinationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<DeliveryAttempt> builder)
    {
        builder.ToTable("cdp_delivery_attempts");
        builder.Property(a => a.ResponseExcerpt).HasMaxLength(1000);
        builder.Property(a => a.Error).HasMaxLength(500);
        builder.HasIndex(a => a.DeliveryId);
        builder.HasIndex(a => new { a.DestinationId, a.At });
        builder.HasOne<Delivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
