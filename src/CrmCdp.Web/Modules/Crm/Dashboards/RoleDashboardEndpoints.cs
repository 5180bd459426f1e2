namespace CrmCdp.Web.Modules.Crm.Dashboards;

internal static class RoleDashboardEndpoints
{
    public static RouteGroupBuilder MapRoleDashboardEndpoints(this RouteGroupBuilder api)
    {
        var roles = api.MapGroup("/dashboards/roles").WithTags("Dashboards").RequireAuthorization(Permissions.Crm.DealsRead);
        roles.MapGet("/sales-rep", async (AccessContext access, SalesDashboards dashboards, CancellationToken ct, Guid? pipelineId) =>
                await dashboards.RepAsync(access, pipelineId, ct) is { } dashboard ? Results.Ok(dashboard) : Results.NotFound())
            .WithSummary("The caller's own sales in a ?pipelineId= (default the first visible): open pipeline by stage, this and next month's forecast with their quota, the tasks audiences and journeys handed them.")
            .Produces<RepDashboard>().ProducesProblem(404);
        roles.MapGet("/sales-manager", async (AccessContext access, SalesDashboards dashboards, CancellationToken ct, Guid? pipelineId) =>
                await dashboards.ManagerAsync(access, pipelineId, ct) is { } dashboard ? Results.Ok(dashboard) : Results.NotFound())
            .WithSummary("The team a manager's deal scope reaches: pipeline by stage, this month's forecast against each rep's quota, win rate, cycle and activities per rep over 90 days, and rotting deals.")
            .Produces<ManagerDashboard>().ProducesProblem(404);
        api.MapGet("/dashboards/roles/support-lead", async (AccessContext access, SupportLeadDashboards dashboards, CancellationToken ct) =>
                await dashboards.LeadAsync(access, ct) is { } dashboard ? Results.Ok(dashboard) : Results.NotFound())
            .WithTags("Dashboards").RequireAuthorization(Permissions.Crm.TicketsRead)
            .WithSummary("The tickets a lead's scope reaches (team or all): this week's SLA compliance and breaches, the open backlog by priority, and per agent the open and solved tickets, breaches and median first-response and resolution times over 28 days.")
            .Produces<SupportLeadDashboard>().ProducesProblem(404);
        return api;
    }
}
