namespace CrmCdp.Web.Modules.Marketing.Performance;

internal static class MarketingPerformanceEndpoints
{
    public static RouteGroupBuilder MapMarketingPerformanceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/marketing/performance", async (MarketingPerformance performance, AccessContext access, CancellationToken ct) => Results.Ok(await performance.LatestAsync(access, ct)))
            .WithTags("Insights").RequireAuthorization(Permissions.Marketing.EmailManage)
            .WithSummary("Campaign and journey performance: the five latest campaigns sent (sent, opened, clicked, contacts who won a deal after and the amount) and the five latest live journeys (enrolled, in it, completed, reached the goal).")
            .Produces<MarketingPerformanceDto>();
        return api;
    }
}
