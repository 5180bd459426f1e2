using Microsoft.AspNetCore.Identity;

namespace CrmCdp.Web.Platform.Auth;

internal sealed class AppRole : IdentityRole<Guid>
{
    public string Description { get; set; } = "";

    /// <summary>Built-in roles are seeded and cannot be deleted; their permissions can be changed.</summary>
    public bool IsBuiltIn { get; set; }

    /// <summary>Holders must sign in with an authenticator app (TOTP) in addition to their password.</summary>
    public bool RequireTwoFactor { get; set; }

    public List<RolePermission> Permissions { get; } = [];
}
