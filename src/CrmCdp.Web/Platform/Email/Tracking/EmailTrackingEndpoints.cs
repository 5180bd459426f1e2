namespace CrmCdp.Web.Platform.Email.Tracking;

/// <summary><c>/e/o/{token}</c> (the open pixel) and <c>/e/c/{token}</c> (a tracked link), public as the email itself.</summary>
internal static class EmailTrackingEndpoints
{
    /// <summary>A transparent 1×1 GIF.</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static IEndpointRouteBuilder MapEmailTrackingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var tracking = endpoints.MapGroup("/e").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        tracking.MapGet("/o/{token}", async (string token, EmailTracking links, EmailEngagement engagement, HttpContext http, CancellationToken ct) =>
        {
            if (links.OpenedEmail(token) is not { } emailId)
            {
                return Microsoft.AspNetCore.Http.Results.NotFound();
            }

            await engagement.OpenedAsync(emailId, ct);
            http.Response.Headers.CacheControl = "no-store, max-age=0";
            return Microsoft.AspNetCore.Http.Results.File(Pixel, "image/gif");
        });
        tracking.MapGet("/c/{token}", async (string token, EmailTracking links, EmailEngagement engagement, CancellationToken ct) =>
        {
            if (links.Click(token) is not { } click)
            {
                return Microsoft.AspNetCore.Http.Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "This link is not valid.", detail: "It was changed or cut off; open the email and use the link there.");
            }

            await engagement.ClickedAsync(click.EmailId, click.Url, ct);
            return Microsoft.AspNetCore.Http.Results.Redirect(click.Url);
        });
        return endpoints;
    }
}
