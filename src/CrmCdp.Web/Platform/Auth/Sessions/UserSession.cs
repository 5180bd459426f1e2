using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Platform.Auth.Sessions;

/// <summary>
/// A signed-in browser session kept on the server, so a session can be listed, ended at once
/// (sign-out everywhere, deactivated user) and cleaned up when it expires.
/// </summary>
internal sealed class UserSession
{
    public Guid Id { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>The authentication ticket, serialized and encrypted with data protection.</summary>
    public byte[] Ticket { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("admin_user_sessions");
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasIndex(s => s.UserId);
    }
}
