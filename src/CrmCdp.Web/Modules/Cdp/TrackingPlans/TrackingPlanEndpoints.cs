
namespace CrmCdp.Web.Modules.Cdp.TrackingPlans;

internal static class TrackingPlanEndpoints
{
    public static RouteGroupBuilder MapTrackingPlanEndpoints(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/sources/{id:guid}/tracking-plan").WithTags("Tracking plans").RequireAuthorization(Permissions.Cdp.SourcesManage);
        plans.MapGet("/", async (Guid id, TrackingPlanService service, AccessContext access, CancellationToken ct) => (await service.GetAsync(access, id, ct)).ToHttp())
            .WithSummary("The source's tracking plan (mode flag when it has none).").Produces<TrackingPlanDto>().ProducesProblem(404);
        plans.MapPut("/", async (Guid id, TrackingPlanInput input, TrackingPlanService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, id, input, ct)).ToHttp())
            .WithSummary("Saves the plan: {mode: flag | drop_unplanned_properties | block, rules: [{kind: track | identify, event, schema}]}; schemas are JSON Schema.")
            .Produces<TrackingPlanDto>().ProducesValidationProblem().ProducesProblem(404);
        plans.MapDelete("/", async (Guid id, TrackingPlanService service, AccessContext access, CancellationToken ct) =>
                (await service.DeleteAsync(access, id, ct)).ToHttp())
            .WithSummary("Removes the plan: every event is accepted as sent.").Produces<TrackingPlanDto>().ProducesProblem(404);
        plans.MapGet("/violations", async (Guid id, TrackingPlanService service, TrackingPlanCounters counters, AccessContext access, CancellationToken ct) =>
            {
                await counters.FlushAsync(ct);
                return await service.ViolationCountsAsync(access, id, ct);
            })
            .WithSummary("How often each rule was broken: flagged (stored) and blocked events per rule.");
        return api;
    }
}
