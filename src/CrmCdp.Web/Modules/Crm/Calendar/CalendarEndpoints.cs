using CrmCdp.Web.Platform;

namespace CrmCdp.Web.Modules.Crm.Calendar;

internal static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Calendar apps fetch the feed without signing in: the long secret in the path is the credential.
        endpoints.MapGet(CalendarFeeds.PathPrefix + "{file}", async (string file, CalendarFeeds feeds, CancellationToken ct) =>
                file.EndsWith(".ics", StringComparison.Ordinal) && await feeds.RenderAsync(file[..^4], ct) is { } ics
                    ? Results.Text(ics, "text/calendar; charset=utf-8")
                    : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();
        var me = endpoints.MapApiV1().MapGroup("/me/calendar-feed").WithTags("Me");
        me.MapGet("/", (CalendarFeeds feeds, AccessContext access, CancellationToken ct) => feeds.StatusAsync(access, ct))
            .WithSummary("Whether you have a calendar feed, and since when (its address is shown only when made).");
        me.MapPost("/", async (HttpContext http, CalendarFeeds feeds, AccessContext access, CancellationToken ct) =>
                (await feeds.CreateAsync(access, $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}", ct)).ToHttp())
            .WithSummary("Makes a private ICS feed of your meetings and open tasks for Google Calendar or Outlook; answers its URL once. The previous one stops working.")
            .Produces<CalendarFeedDto>().ProducesProblem(403);
        me.MapDelete("/", async (CalendarFeeds feeds, AccessContext access, CancellationToken ct) => (await feeds.RevokeAsync(access, ct)).ToHttp())
            .WithSummary("Revokes your calendar feed: its address stops working at once.");
        return endpoints;
    }
}
