using System.Security.Claims;

namespace CrmCdp.Web.Platform.Auth.TwoFactor;

/// <summary>
/// Sends a signed-in user whose role requires two-factor sign-in, and who has not set it up, to the setup page
/// before anything else (API calls with their cookie answer 403). API keys are not affected.
/// </summary>
internal static class TwoFactorEnforcement
{
    public const string SetupPath = "/account/security";

    private static readonly string[] OpenPrefixes = ["/account", "/_blazor", "/_framework", "/_content", "/health", "/api/v1/me"];

    public static IApplicationBuilder UseTwoFactorEnforcement(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true
            && !context.User.HasClaim(c => c.Type == AuthClaims.ApiKeyId)
            && !OpenPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            && !Path.HasExtension(context.Request.Path.Value)
            && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            && await context.RequestServices.GetRequiredService<TwoFactorPolicy>().IsSetupPendingAsync(userId, context.RequestAborted))
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                    title: "Your role requires two-factor sign-in; set it up at /account/security first.").ExecuteAsync(context);
                return;
            }

            context.Response.Redirect($"{SetupPath}?required=true");
            return;
        }

        await next(context);
    });
}
