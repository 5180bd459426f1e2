using System.Security.Claims;

namespace CrmCdp.Web.Platform.Auth;

internal static class MeEndpoint
{
    public static RouteGroupBuilder MapMe(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetAsync)
            .WithName("GetMe")
            .WithTags("Account")
            .WithSummary("Who is calling: name, kind (user or API key), roles and effective permissions.");
        return api;
    }

    private static async Task<Me> GetAsync(ClaimsPrincipal user, PermissionResolver resolver, CancellationToken cancellationToken)
    {
        var permissions = await resolver.GetPermissionsAsync(user, cancellationToken);
        var isApiKey = user.HasClaim(c => c.Type == AuthClaims.ApiKeyId);
        return new Me(
            user.Identity?.Name ?? "",
            isApiKey ? "apiKey" : "user",
            [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal)],
            [.. permissions.Order(StringComparer.Ordinal)]);
    }
}

internal sealed record Me(string Name, string Kind, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions);
