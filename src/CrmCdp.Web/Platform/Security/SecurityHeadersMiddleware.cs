namespace CrmCdp.Web.Platform.Security;

/// <summary>Adds the browser security headers to every response.</summary>
internal static class SecurityHeadersMiddleware
{
    // Blazor Server needs a WebSocket to the same origin and MudBlazor writes inline styles;
    // scripts come only from the app itself.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    // The jobs dashboard and the API reference ship their own inline scripts.
    private static readonly string[] PathsWithOwnScripts = ["/admin/jobs", "/api/docs"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!PathsWithOwnScripts.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            await next();
        });
}
