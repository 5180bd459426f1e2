using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Platform.Preferences;

/// <summary>What one user chose for themselves: how dates and numbers read, their time zone, and the notifications they mute.</summary>
internal sealed class UserPreferences
{
    public Guid UserId { get; set; }

    /// <summary>A culture name such as en-GB or de-DE; null follows the browser.</summary>
    public string? Culture { get; set; }

    /// <summary>An IANA time zone such as Europe/Berlin; null is UTC.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Notification kinds the user does not want (see NotificationKinds).</summary>
    public List<string> MutedNotifications { get; set; } = [];

    /// <summary>Track opens and clicks of the emails they send (each email can say otherwise; consent always applies).</summary>
    public bool TrackEmails { get; set; }
}

internal sealed class UserPreferencesConfiguration : IEntityTypeConfiguration<UserPreferences>
{
    public void Configure(EntityTypeBuilder<UserPreferences> builder)
    {
        builder.ToTable("platform_user_preferences");
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.Culture).HasMaxLength(20);
        builder.Property(p => p.TimeZone).HasMaxLength(64);
        builder.HasOne<AppUser>().WithOne().HasForeignKey<UserPreferences>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
