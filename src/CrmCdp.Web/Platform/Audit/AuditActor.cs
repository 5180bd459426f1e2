using System.Security.Claims;

namespace CrmCdp.Web.Platform.Audit;

/// <summary>Who an audit entry names, from the caller's principal: a user, or an API key by its name.</summary>
internal static class AuditActor
{
    public static AuditEntry For(ClaimsPrincipal principal, string action)
    {
        var isApiKey = principal.HasClaim(c => c.Type == AuthClaims.ApiKeyId);
        return new AuditEntry
        {
            Action = action,
            UserId = !isApiKey && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ? userId : null,
            Actor = isApiKey ? $"API key {principal.FindFirstValue(ClaimTypes.Name)}" : principal.FindFirstValue(ClaimTypes.Name),
        };
    }

    /// <summary>An API key's actions carry the user it acts as (its creator) and the key's name.</summary>
    public static AuditEntry For(AccessContext access, string action) => new()
    {
        Action = action,
        UserId = access.UserId,
        Actor = access.IsApiKey ? $"API key {access.ActorName}" : access.ActorName,
    };
}
