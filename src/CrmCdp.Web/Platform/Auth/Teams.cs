using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Platform.Auth;

/// <summary>A group of users; "team" scope reaches records owned by anyone in a team the user is in.</summary>
internal sealed class Team
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public Guid? LeadUserId { get; set; }

    public List<TeamMember> Members { get; } = [];
}

internal sealed class TeamMember
{
    public Guid TeamId { get; set; }

    public Guid UserId { get; set; }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("admin_teams");
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.LeadUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> builder)
    {
        builder.ToTable("admin_team_members");
        builder.HasKey(m => new { m.TeamId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
