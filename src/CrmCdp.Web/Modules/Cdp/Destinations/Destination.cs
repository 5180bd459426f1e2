using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>Where the CDP sends data out: today an HTTP webhook signed the Standard Webhooks way.</summary>
internal sealed class Destination
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>webhook.</summary>
    public string Type { get; set; } = DestinationTypes.Webhook;

    public string Url { get; set; } = "";

    /// <summary>Extra request headers (a JSON object of strings).</summary>
    public string Headers { get; set; } = "{}";

    public bool Enabled { get; set; } = true;

    /// <summary>Why the platform switched it off (a 410, five days of failures); null when a person did, or it is on.</summary>
    public string? DisabledReason { get; set; }

    /// <summary>What it receives (<see cref="DestinationSubscriptions"/> as JSON).</summary>
    public string Subscriptions { get; set; } = "{}";

    /// <summary>Events per request when forwarding raw events (1 sends each alone).</summary>
    public int BatchSize { get; set; } = 1;

    /// <summary>When set, only profiles that granted this consent category are sent.</summary>
    public string? ConsentCategory { get; set; }

    /// <summary>Whether identifiers and traits go out as they are; masked otherwise.</summary>
    public bool IncludePii { get; set; }

    /// <summary>The signing secret (whsec_…), protected with data protection: it must be read to sign, so it cannot be hashed.</summary>
    public string ProtectedSecret { get; set; } = "";

    /// <summary>After a rotation the previous secret also signs until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousProtectedSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>The first failure since the last success; five days of failures disable the destination.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal static class DestinationTypes
{
    public const string Webhook = "webhook";
}

/// <summary>What a destination receives: raw events (by source, type and name), segment entries and exits, CRM facts.</summary>
public sealed class DestinationSubscriptions
{
    public List<Guid>? SourceIds { get; set; }

    public List<string>? EventTypes { get; set; }

    public List<string>? EventNames { get; set; }

    /// <summary>When set, only these event properties go out.</summary>
    public List<string>? Properties { get; set; }

    public List<Guid>? SegmentIds { get; set; }

    public List<string>? CrmFacts { get; set; }

    /// <summary>Whether the destination is told when a person's data is erased here (GDPR), to erase its copy.</summary>
    public bool? Erasures { get; set; }

    /// <summary>Whether an event of this source, type and name goes out: every chosen filter must hold.</summary>
    public bool Takes(Guid sourceId, string type, string? name) => WantsEvents
        && (SourceIds is not { Count: > 0 } || SourceIds.Contains(sourceId))
        && (EventTypes is not { Count: > 0 } || EventTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        && (EventNames is not { Count: > 0 } || (name is not null && EventNames.Contains(name, StringComparer.Ordinal)));

    /// <summary>Whether raw events go out at all: some source, type or name is chosen.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool WantsEvents => SourceIds is { Count: > 0 } || EventTypes is { Count: > 0 } || EventNames is { Count: > 0 };
}

internal sealed class DestinationConfiguration : IEntityTypeConfiguration<Destination>
{
    public void Configure(EntityTypeBuilder<Destination> builder)
    {
        builder.ToTable("cdp_destinations");
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.Type).HasMaxLength(20);
        builder.Property(d => d.Url).HasMaxLength(2000);
        builder.Property(d => d.Headers).HasColumnType("jsonb");
        builder.Property(d => d.Subscriptions).HasColumnType("jsonb");
        builder.Property(d => d.ConsentCategory).HasMaxLength(100);
        builder.Property(d => d.DisabledReason).HasMaxLength(300);
    }
}
