using Microsoft.AspNetCore.Identity;

namespace CrmCdp.Web.Platform.Auth;

/// <summary>Puts ASP.NET Core Identity's tables into the admin area's naming.</summary>
internal static class AuthEntityConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<AppUser>(user =>
        {
            user.ToTable("admin_users");
            user.Property(u => u.DisplayName).HasMaxLength(200);
        });
        builder.Entity<AppRole>(role =>
        {
            role.ToTable("admin_roles");
            role.Property(r => r.Description).HasMaxLength(500);
            role.HasMany(r => r.Permissions).WithOne().HasForeignKey(p => p.RoleId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<IdentityUserRole<Guid>>().ToTable("admin_user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("admin_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("admin_user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("admin_user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("admin_role_claims");
        builder.Entity<RolePermission>(permission =>
        {
            permission.ToTable("admin_role_permissions");
            permission.HasKey(p => new { p.RoleId, p.Permission });
            permission.Property(p => p.Permission).HasMaxLength(100);
            permission.Property(p => p.Scope).HasConversion<string>().HasMaxLength(10);
        });
        builder.Entity<KnownPermission>(known =>
        {
            known.ToTable("admin_known_permissions");
            known.HasKey(p => p.Name);
            known.Property(p => p.Name).HasMaxLength(100);
        });
    }
}
