using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>
/// The profile an event belongs to, in a narrow insert-mostly table beside <c>cdp_events</c>: written by the resolver
/// batch that resolves the event and moved by merges, splits and identity-rule changes (<see cref="EventOwnership"/>), so
/// queries of events by profile or by name read two small indexes instead of joining events to identifiers by text.
/// Kept apart from the wide, partitioned event rows, whose in-place update cost resolution 60 % of its throughput (ADR 0023).
/// </summary>
internal sealed class EventProfile
{
    public long EventId { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public Guid ProfileId { get; set; }

    /// <summary>The event's type (track, page, identify, …).</summary>
    public string Type { get; set; } = "";

    /// <summary>The track event's or the page's name; empty when the event has none.</summary>
    public string Name { get; set; } = "";
}

internal sealed class EventProfileConfiguration : IEntityTypeConfiguration<EventProfile>
{
    public void Configure(EntityTypeBuilder<EventProfile> builder)
    {
        builder.ToTable("cdp_event_profiles");
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(10);
        builder.HasIndex(e => new { e.ProfileId, e.Timestamp }).IncludeProperties(e => new { e.Name, e.Type });
        builder.HasIndex(e => new { e.Name, e.Timestamp }).IncludeProperties(e => new { e.ProfileId, e.Type, e.EventId });
    }
}
