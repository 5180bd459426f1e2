using System.Net;

namespace CrmCdp.Web.Modules.Marketing.Email;

/// <summary>
/// <c>/u/{token}</c>, public as the email itself: GET shows a page with one button; POST unsubscribes, both from that page
/// and as the RFC 8058 one-click request mail providers send (<c>List-Unsubscribe=One-Click</c>).
/// </summary>
internal static class UnsubscribeEndpoints
{
    public static IEndpointRouteBuilder MapUnsubscribeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var unsubscribe = endpoints.MapGroup("/u").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        unsubscribe.MapGet("/{token}", (string token, UnsubscribeLinks links) => links.Read(token) is null
            ? Page(HttpStatusCode.BadRequest, "This link is not valid", "It was changed or cut off; use the link in the email.")
            : Page(HttpStatusCode.OK, "Unsubscribe from our emails?", $"""
                <form method="post" action="{UnsubscribeLinks.Path}{WebUtility.HtmlEncode(token)}"><button type="submit" autofocus>Unsubscribe</button></form>
                """));
        unsubscribe.MapPost("/{token}", async (string token, UnsubscribeLinks links, Unsubscriber unsubscriber, HttpRequest request, CancellationToken ct) =>
        {
            if (links.Read(token) is not { } profileId)
            {
                return Page(HttpStatusCode.BadRequest, "This link is not valid", "It was changed or cut off; use the link in the email.");
            }

            await unsubscriber.UnsubscribeAsync(profileId, ct);
            var oneClick = request.HasFormContentType && (await request.ReadFormAsync(ct))["List-Unsubscribe"] == "One-Click";
            return oneClick ? Results.Ok() : Page(HttpStatusCode.OK, "You are unsubscribed", "You will get no more marketing email from us.");
        });
        return endpoints;
    }

    private static IResult Page(HttpStatusCode status, string title, string body) => Results.Content($"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>{WebUtility.HtmlEncode(title)}</title></head>
        <body style="font-family:sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</body></html>
        """, "text/html; charset=utf-8", statusCode: (int)status);
}
