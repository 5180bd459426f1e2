using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.Audiences;

/// <summary>
/// A profile whose audiences must be evaluated again: queued by the resolver batch that touched it, by a split, by a
/// computed trait that changed, or by the sweep when one of its window edges passed. Entries are only ever appended
/// (<see cref="AudienceQueue"/>), so a profile may have several.
/// </summary>
internal sealed class AudienceQueueEntry
{
    public long Id { get; set; }

    public Guid ProfileId { get; set; }

    /// <summary>When the entry was written: the age of the oldest entry is the membership lag.</summary>
    public DateTimeOffset QueuedAt { get; set; }
}

/// <summary>A position kept by one reader: a change-feed consumer (the last change it handled), the window-edge sweep (the instant it swept to), or the destinations' event forwarder (the last event id it forwarded).</summary>
internal sealed class AudienceCheckpoint
{
    public string Name { get; set; } = "";

    public long LastChangeId { get; set; }

    public DateTimeOffset? SweptTo { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class AudienceConfiguration : IEntityTypeConfiguration<AudienceQueueEntry>, IEntityTypeConfiguration<AudienceCheckpoint>
{
    public void Configure(EntityTypeBuilder<AudienceQueueEntry> builder)
    {
        builder.ToTable("cdp_audience_queue");
        builder.HasKey(q => q.Id);
        builder.HasIndex(q => q.ProfileId);
    }

    public void Configure(EntityTypeBuilder<AudienceCheckpoint> builder)
    {
        builder.ToTable("cdp_audience_checkpoints");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(50);
    }
}
