namespace CrmCdp.Web.Modules.Cdp.Insights;

internal static class InsightEndpoints
{
    public static RouteGroupBuilder MapInsightEndpoints(this RouteGroupBuilder api)
    {
        var insights = api.MapGroup("/insights").WithTags("Insights").RequireAuthorization(Permissions.Cdp.InsightsRead);
        insights.MapPost("/trends", async (TrendRequest request, Trends trends, AccessContext access, CancellationToken ct) => (await trends.RunAsync(access, request, ct)).ToHttp())
            .WithSummary("Counts events ({\"math\": \"total\"}) or the people who did them (\"unique_profiles\") per hour, day, week or month in a time zone: {series: [{event, where, math}], interval, from, to, timeZone, breakdown: {property} | {trait}}. Answers {series: [{label, points: [{t, value}]}]}, every bucket included; a breakdown gives the top 10 values and \"Other\".")
            .Produces<TrendResult>().ProducesValidationProblem();
        insights.MapPost("/funnel", async (FunnelRequest request, Funnels funnels, AccessContext access, CancellationToken ct) => (await funnels.RunAsync(access, request, ct)).ToHttp())
            .WithSummary("An ordered funnel: {steps: [{event, where}], window: {amount, unit}, from, to, timeZone}. A person enters at their first step-one event in the range and must reach each next step in order within the window. Answers {steps: [{event, count, conversionRate, medianSecondsToConvert, conversionFromPrevious, dropped}]}.")
            .Produces<FunnelResult>().ProducesValidationProblem();
        insights.MapPost("/funnel/people", async (FunnelPeopleRequest request, FunnelPeople people, AccessContext access, CancellationToken ct) => (await people.ListAsync(access, request, ct)).ToHttp())
            .RequireAuthorization(Permissions.Cdp.ProfilesRead)
            .WithSummary("The people of one funnel step: the funnel's fields plus {step (0-based), status: converted | dropped, limit (default 100, at most 1,000)}. Answers {total, people: [{profileId, label, enteredAt}]}, earliest entry first.")
            .Produces<FunnelPeopleResult>().ProducesValidationProblem();
        insights.MapPost("/funnel/segment", async (FunnelPeopleRequest request, FunnelPeople people, AccessContext access, CancellationToken ct) =>
                (await people.SaveAsSegmentAsync(access, request, ct)).ToHttp(s => $"/api/v1/segments/{s.Id}"))
            .RequireAuthorization(Permissions.Cdp.SegmentsManage)
            .WithSummary("Keeps one funnel step's people as a segment (a fixed list, isStatic): the funnel's fields plus {step, status, name}. Answers 201 with the segment; its members enter through the change feed like any entry.")
            .Produces<Segments.SegmentDto>(201).ProducesValidationProblem();
        insights.MapPost("/retention", async (RetentionRequest request, Retention retention, AccessContext access, CancellationToken ct) => (await retention.RunAsync(access, request, ct)).ToHttp())
            .WithSummary("Retention cohorts: {startEvent: {event, where}, returnEvent: {event, where}, interval: day|week, periods, from, to, timeZone}. People join the cohort of the day or week of their first start event in the range; answers {cohorts: [{start, size, values}]}, values[k] being the people who did the return event k periods after their cohort's start (null while that period is still to come).")
            .Produces<RetentionResult>().ProducesValidationProblem();
        insights.MapGet("/web", async (DateTimeOffset? from, DateTimeOffset? to, WebAnalytics web, AccessContext access, CancellationToken ct) => (await web.RunAsync(access, from, to, ct)).ToHttp())
            .WithSummary("Web and campaign analytics from page events in [from, to): pageviews, visitors (new and returning), top pages, referrers, UTM sources, mediums and campaigns, visitors by device and browser.")
            .Produces<WebAnalyticsResult>().ProducesValidationProblem();
        insights.MapGet("/live", async (int? minutes, int? limit, LiveEvents live, AccessContext access, CancellationToken ct) => (await live.LatestAsync(access, minutes, limit, ct)).ToHttp())
            .WithSummary("The live view: events received per minute over the last ?minutes= (default 15, at most 60) and the latest ?limit= events (default 50, at most 200): id, type, name, source, the profile it was resolved to (null while resolving), timestamp, receivedAt. No payloads.")
            .Produces<LiveEventsResult>().ProducesValidationProblem();
        api.MapGet("/dashboards/roles/marketer", async (string? timeZone, MarketerDashboards dashboards, AccessContext access, CancellationToken ct) =>
                !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone ?? "UTC", out var zone)
                    ? Platform.Validation.QueryProblems.Invalid("timeZone", "Give an IANA time zone, e.g. Europe/Paris.")
                    : await dashboards.MarketerAsync(access, zone, ct) is { } dashboard ? Results.Ok(dashboard) : Results.Forbid())
            .WithTags("Dashboards").RequireAuthorization(Permissions.Cdp.InsightsRead)
            .WithSummary("A marketer's home: events per day over 14 days in ?timeZone= (default UTC), the five largest segments with their 14-day sizes, the activation funnel per activated segment over 30 days (entered → tasked → deal created → won, with the amount), and each source's events in 24 hours.")
            .Produces<MarketerDashboard>();
        return api;
    }
}
