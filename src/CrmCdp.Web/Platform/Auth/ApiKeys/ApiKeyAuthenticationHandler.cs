using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Platform.Auth.ApiKeys;

/// <summary>Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against the hashed keys in the database.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider timeProvider)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadBearerToken(Request.Headers.Authorization.ToString());
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKeySecret.Hash(key);
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var found = await db.ApiKeys
            .Where(k => k.KeyHash == hash)
            .Join(db.Roles, k => k.RoleId, r => r.Id, (k, r) => new { Key = k, RoleName = r.Name })
            .AsNoTracking()
            .SingleOrDefaultAsync(Context.RequestAborted);
        var now = timeProvider.GetUtcNow();
        var creatorDeactivated = found?.Key.CreatedByUserId is { } creatorId
            && await db.Users.AnyAsync(u => u.Id == creatorId && u.DeactivatedAt != null, Context.RequestAborted);
        if (found is null || !found.Key.IsUsableAt(now) || creatorDeactivated)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked or expired, or its user is deactivated.");
        }

        if (found.Key.LastUsedAt is null || now - found.Key.LastUsedAt > LastUsedPrecision)
        {
            await db.ApiKeys.Where(k => k.Id == found.Key.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, found.Key.Id.ToString()),
                new Claim(ClaimTypes.Name, found.Key.Name),
                new Claim(ClaimTypes.Role, found.RoleName ?? ""),
                new Claim(AuthClaims.ApiKeyId, found.Key.Id.ToString()),
                new Claim(AuthClaims.ApiKeyRoleId, found.Key.RoleId.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    internal static string? ReadBearerToken(string header)
    {
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[bearer.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
