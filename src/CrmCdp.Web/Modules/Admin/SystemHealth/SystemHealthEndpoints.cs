namespace CrmCdp.Web.Modules.Admin.SystemHealth;

internal static class SystemHealthEndpoints
{
    public static RouteGroupBuilder MapSystemHealthEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboards/roles/admin", async (SystemHealth health, AccessContext access, CancellationToken ct) =>
                await health.CurrentAsync(access, ct) is { } dashboard ? Results.Ok(dashboard) : Results.Forbid())
            .WithTags("Dashboards").RequireAuthorization(Permissions.Admin.Jobs)
            .WithSummary("An admin's view of the background work and the database: Hangfire's enqueued, processing, scheduled and failed counts, its servers, the five latest failures, and the database's size in bytes. Ingestion, resolution and audience health are on the CDP's overview.")
            .Produces<SystemHealthDto>();
        return api;
    }
}
