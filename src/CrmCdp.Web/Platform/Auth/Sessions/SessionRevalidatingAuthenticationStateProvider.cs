using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Platform.Auth.Sessions;

/// <summary>
/// An open Blazor circuit keeps the principal it started with; this re-checks every 10 seconds that the
/// session still exists and the user's security stamp is unchanged, and signs the circuit out if not.
/// </summary>
internal sealed class SessionRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> identityOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    // Short, so a deactivated user or a reset password ends open circuits within seconds.
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(10);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await userManager.GetUserAsync(principal);
        if (user is null || user.DeactivatedAt is not null || await userManager.IsLockedOutAsync(user))
        {
            return false;
        }

        var stampClaim = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        if (stampClaim != await userManager.GetSecurityStampAsync(user))
        {
            return false;
        }

        if (!Guid.TryParse(principal.FindFirstValue(AuthClaims.SessionId), out var sessionId))
        {
            return true;
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.UserSessions.AnyAsync(s => s.Id == sessionId, cancellationToken);
    }
}
