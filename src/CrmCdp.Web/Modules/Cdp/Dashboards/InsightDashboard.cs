using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.Dashboards;

/// <summary>Saved insights laid out together, refreshing by themselves; its owner's, or shared with every insight reader.</summary>
internal sealed class InsightDashboard
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public Guid? OwnerUserId { get; set; }

    /// <summary>Seen by everyone who may read insights (only the owner changes it).</summary>
    public bool Shared { get; set; }

    /// <summary>How often the page asks its tiles again; 0 for never.</summary>
    public int RefreshSeconds { get; set; }

    /// <summary>The tiles (jsonb), as <see cref="DashboardTile"/>s in their order.</summary>
    public string Tiles { get; set; } = "[]";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }
}

internal sealed class InsightDashboardConfiguration : IEntityTypeConfiguration<InsightDashboard>
{
    public void Configure(EntityTypeBuilder<InsightDashboard> builder)
    {
        builder.ToTable("cdp_dashboards");
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.Description).HasMaxLength(1000);
        builder.Property(d => d.Tiles).HasColumnType("jsonb");
        builder.Property(d => d.Version).IsRowVersion();
        builder.HasIndex(d => d.OwnerUserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(d => d.OwnerUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
