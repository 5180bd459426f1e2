using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Platform.Notifications;

/// <summary>An in-app notification for one user (a task reminder, an assignment, an SLA warning, a mention), shown under the bell.</summary>
internal sealed class Notification
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>One of <see cref="NotificationKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Body { get; set; }

    /// <summary>Where clicking the notification goes, e.g. /crm/contacts/{id}.</summary>
    public string? Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("platform_notifications");
        builder.Property(n => n.Kind).HasMaxLength(40);
        builder.Property(n => n.Title).HasMaxLength(300);
        builder.Property(n => n.Body).HasMaxLength(2000);
        builder.Property(n => n.Link).HasMaxLength(500);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
    }
}

public sealed record NotificationDto(Guid Id, string Title, string? Body, string? Link, DateTimeOffset CreatedAt, bool Read, string Kind = "");
