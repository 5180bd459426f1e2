using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Platform.Auth.ApiKeys;

/// <summary>A key for automation; only its SHA-256 hash and a short prefix for recognition are stored.</summary>
internal sealed class ApiKey
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Prefix { get; set; } = "";

    public string KeyHash { get; set; } = "";

    public Guid RoleId { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("admin_api_keys");
        builder.Property(k => k.Name).HasMaxLength(200);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasOne<AppRole>().WithMany().HasForeignKey(k => k.RoleId).OnDelete(DeleteBehavior.Restrict);
    }
}
