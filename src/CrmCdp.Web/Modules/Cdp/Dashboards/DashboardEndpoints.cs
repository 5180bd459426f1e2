namespace CrmCdp.Web.Modules.Cdp.Dashboards;

internal static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        var dashboards = api.MapGroup("/dashboards").WithTags("Dashboards").RequireAuthorization(Permissions.Cdp.InsightsRead);
        dashboards.MapGet("/", async (DashboardService service, AccessContext access, CancellationToken ct) => (await service.ListAsync(access, ct)).ToHttp())
            .WithSummary("The caller's dashboards and the shared ones, by name.").Produces<IReadOnlyList<DashboardDto>>();
        dashboards.MapPost("/", async (DashboardInput input, DashboardService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, null, input, ct)).ToHttp(d => $"/api/v1/dashboards/{d.Id}"))
            .WithSummary("Saves a dashboard: {name, description, shared, refreshSeconds (0, or 30–3,600), tiles: [{id, title, kind: trends | funnel | retention | web, query: the insight endpoint's body, lastDays (a rolling range up to now), width: 3 | 4 | 6 | 8 | 12}]}. Each tile's question is checked like its endpoint's (errors named tiles[i].query.…).")
            .Produces<DashboardDto>(201).ProducesValidationProblem();
        dashboards.MapGet("/{id:guid}", async (Guid id, DashboardService service, AccessContext access, CancellationToken ct) => (await service.GetAsync(access, id, ct)).ToHttp())
            .WithSummary("A dashboard with its tiles and layout.").Produces<DashboardDto>().ProducesProblem(404);
        dashboards.MapPut("/{id:guid}", async (Guid id, DashboardInput input, DashboardService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, id, input, ct)).ToHttp())
            .WithSummary("Replaces a dashboard (its owner only); send the version read, a stale one is a 409.")
            .Produces<DashboardDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        dashboards.MapDelete("/{id:guid}", async (Guid id, DashboardService service, AccessContext access, CancellationToken ct) => (await service.DeleteAsync(access, id, ct)).ToHttp())
            .WithSummary("Deletes a dashboard (its owner only).").ProducesProblem(404);
        dashboards.MapGet("/{id:guid}/data", async (Guid id, DashboardRunner runner, AccessContext access, CancellationToken ct) => (await runner.RunAsync(access, id, ct)).ToHttp())
            .WithSummary("Every tile answered now: {at, tiles: [{id, kind, title, trends | funnel | retention | web, errors}]}; a tile that cannot be answered carries its errors and the others still answer.")
            .Produces<DashboardData>().ProducesProblem(404);
        return api;
    }
}
