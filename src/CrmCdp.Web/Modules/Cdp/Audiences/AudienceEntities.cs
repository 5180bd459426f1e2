using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.Audiences;

/// <summary>
/// A profile whose audiences must be evaluated again: queued by the resolver batch that touched it, by a split, by a
/// computed trait that changed, or by the sweep when one of its window edges passed. One row per profile.
/// </summary>
internal sealed class AudienceQueueEntry
{
    public Guid ProfileId { get; set; }

    /// <summary>When the profile was first queued since it was last evaluated: the age of the oldest entry is the membership lag.</summary>
    public DateTimeOffset QueuedAt { get; set; }
}

/// <summary>A position kept by one reader of audience data: a change-feed consumer (the last change it handled) or the window-edge sweep (the instant it swept to).</summary>
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
        builder.HasKey(q => q.ProfileId);
        builder.HasIndex(q => q.QueuedAt);
    }

    public void Configure(EntityTypeBuilder<AudienceCheckpoint> builder)
    {
        builder.ToTable("cdp_audience_checkpoints");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(50);
    }
}
