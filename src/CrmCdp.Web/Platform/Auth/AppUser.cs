using Microsoft.AspNetCore.Identity;

namespace CrmCdp.Web.Platform.Auth;

internal sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
