using CrmCdp.Web.Modules.Crm.Common;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Activities;

internal static class ActivityEndpoints
{
    public static RouteGroupBuilder MapActivityEndpoints(this RouteGroupBuilder api)
    {
        var activities = api.MapGroup("/activities").WithTags("Activities");
        activities.MapGet("/", async (AccessContext access, ActivityService service, CancellationToken ct,
                    Guid? contactId, Guid? companyId, string? type, string? cursor, int? limit) =>
                type is not null && CrmEnumNames.Parse<ActivityType>(type) is null
                    ? CrmHttpResults.InvalidQuery("type", $"The type must be one of: {CrmEnumNames.Allowed<ActivityType>()}.")
                    : TypedResults.Ok(await service.ListAsync(access, contactId, companyId, type, cursor, SearchPatterns.ClampLimit(limit), ct)))
            .RequireAuthorization(P.ActivitiesRead)
            .WithSummary("Lists activities (notes, calls, emails, meetings) by ?contactId=, ?companyId=, ?type=; keyset pages via ?cursor=&limit=.");
        activities.MapGet("/{id:guid}", async (Guid id, AccessContext access, ActivityService service, CancellationToken ct) =>
                (await service.GetAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(P.ActivitiesRead).WithSummary("Gets one activity.").Produces<ActivityDto>().ProducesProblem(404);
        activities.MapPost("/", async (ActivityInput input, AccessContext access, ActivityService service, CancellationToken ct) =>
                (await service.CreateAsync(access, input, ct)).ToHttp(a => $"/api/v1/activities/{a.Id}"))
            .RequireAuthorization(P.ActivitiesCreate).WithSummary("Logs an activity on a contact or company.").Produces<ActivityDto>(201).ProducesValidationProblem();
        activities.MapPut("/{id:guid}", async (Guid id, ActivityInput input, AccessContext access, ActivityService service, CancellationToken ct) =>
                (await service.UpdateAsync(access, id, input, ct)).ToHttp())
            .RequireAuthorization(P.ActivitiesEdit).WithSummary("Replaces an activity; send the version you read.").Produces<ActivityDto>().ProducesValidationProblem();
        activities.MapDelete("/{id:guid}", async (Guid id, AccessContext access, ActivityService service, CancellationToken ct) =>
                (await service.DeleteAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(P.ActivitiesDelete).WithSummary("Deletes an activity.").ProducesProblem(404);
        return api;
    }
}
