using Microsoft.AspNetCore.Identity;

namespace CrmCdp.Web.Platform.Auth;

internal sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When set, the user can no longer sign in, their sessions are gone and their API keys refused.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>Away users are skipped by automatic assignment (tickets, leads).</summary>
    public bool IsAway { get; set; }
}
