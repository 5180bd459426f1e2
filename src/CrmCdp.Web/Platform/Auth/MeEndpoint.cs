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
        api.MapGet("/me/preferences", async (AccessContext access, Preferences.UserPreferencesService preferences, CancellationToken ct) =>
                (await preferences.GetAsync(access, ct)).ToHttp())
            .RequireAuthorization().WithTags("Account")
            .WithSummary("The caller's own preferences: culture (dates and numbers), time zone, muted notification kinds.")
            .Produces<Preferences.PreferencesDto>().ProducesProblem(403);
        api.MapPut("/me/preferences", async (Preferences.PreferencesInput input, AccessContext access, Preferences.UserPreferencesService preferences, CancellationToken ct) =>
                (await preferences.SaveAsync(access, input, ct)).ToHttp())
            .RequireAuthorization().WithTags("Account")
            .WithSummary("Sets the caller's culture (e.g. en-GB), IANA time zone (e.g. Europe/Berlin) and muted notification kinds.")
            .Produces<Preferences.PreferencesDto>().ProducesValidationProblem().ProducesProblem(403);
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
