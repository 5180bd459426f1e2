using CrmCdp.Web.Platform.Auth.ApiKeys;
using CrmCdp.Web.Platform.Auth.Sessions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace CrmCdp.Web.Platform.Data;

/// <summary>The one application database context; each feature adds its own entity configurations.</summary>
internal sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<RolePermission> RolePermissions => Set<RolePermission>();

    public DbSet<KnownPermission> KnownPermissions => Set<KnownPermission>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        AuthEntityConfiguration.Configure(builder);
        builder.Entity<DataProtectionKey>().ToTable("platform_data_protection_keys");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
