using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>
/// How often a profile did one kind of event on one UTC day, and when first and last: kept by
/// <see cref="EventOwnership"/> in the transaction that assigns, merges or moves the events, so it always equals a
/// recount of <c>cdp_event_profiles</c>. No foreign key: its check would lock the profile's row for every day counted
/// (erasure deletes a profile's days itself). Besides the key, one index by (name, day) for insights counting people per
/// day (<see cref="Insights.InsightRollupRows"/>); it holds no counted column, so the resolver's updates of a day's count
/// stay heap-only (HOT) and only a new day adds an index entry.
/// </summary>
internal sealed class ProfileEventDay
{
    public Guid ProfileId { get; set; }

    public DateOnly Day { get; set; }

    /// <summary>The event's type (track, page, identify, …).</summary>
    public string Type { get; set; } = "";

    /// <summary>The track event's or the page's name; empty when the event has none.</summary>
    public string Name { get; set; } = "";

    public int Count { get; set; }

    public DateTimeOffset FirstAt { get; set; }

    public DateTimeOffset LastAt { get; set; }
}

internal sealed class ProfileEventDayConfiguration : IEntityTypeConfiguration<ProfileEventDay>
{
    public void Configure(EntityTypeBuilder<ProfileEventDay> builder)
    {
        builder.ToTable("cdp_profile_event_days");
        builder.HasKey(d => new { d.ProfileId, d.Day, d.Type, d.Name });
        builder.HasIndex(d => new { d.Name, d.Day });
        builder.Property(d => d.Type).HasMaxLength(20);
    }
}
