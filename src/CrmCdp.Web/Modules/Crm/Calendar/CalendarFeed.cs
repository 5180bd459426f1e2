using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Calendar;

/// <summary>A user's private calendar feed: only the hash of its secret token is kept; a new one replaces the old.</summary>
internal sealed class CalendarFeed
{
    public Guid UserId { get; set; }

    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("crm_calendar_feeds");
        builder.HasKey(f => f.UserId);
        builder.Property(f => f.TokenHash).HasMaxLength(128);
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The feed's address, shown once when it is made; the status otherwise.</summary>
public sealed record CalendarFeedDto(bool Active, DateTimeOffset? CreatedAt, string? Url);
