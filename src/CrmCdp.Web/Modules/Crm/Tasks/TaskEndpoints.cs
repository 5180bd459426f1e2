using CrmCdp.Web.Modules.Crm.Common;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Tasks;

internal static class TaskEndpoints
{
    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/", async (AccessContext access, TaskService service, CancellationToken ct,
                    Guid? ownerId, string? status, Guid? contactId, Guid? companyId, DateTimeOffset? dueBefore, string? cursor, int? limit) =>
            {
                CrmTaskStatus? parsedStatus = null;
                if (status is not null && (parsedStatus = CrmEnumNames.Parse<CrmTaskStatus>(status)) is null)
                {
                    return CrmHttpResults.InvalidQuery("status", $"The status must be one of: {CrmEnumNames.Allowed<CrmTaskStatus>()}.");
                }

                var filter = new TaskFilter(ownerId, parsedStatus, contactId, companyId, dueBefore);
                return TypedResults.Ok(await service.ListAsync(access, filter, cursor, SearchPatterns.ClampLimit(limit), ct));
            })
            .RequireAuthorization(P.TasksRead)
            .WithSummary("Lists tasks visible to the caller: ?ownerId=, ?status= (open, done), ?contactId=, ?companyId=, ?dueBefore=; keyset pages via ?cursor=&limit=.");
        tasks.MapGet("/{id:guid}", async (Guid id, AccessContext access, TaskService service, CancellationToken ct) =>
                (await service.GetAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(P.TasksRead).WithSummary("Gets one task.").Produces<TaskDto>().ProducesProblem(404);
        tasks.MapPost("/", async (TaskInput input, AccessContext access, TaskService service, CancellationToken ct) =>
                (await service.CreateAsync(access, input, ct)).ToHttp(t => $"/api/v1/tasks/{t.Id}"))
            .RequireAuthorization(P.TasksCreate).WithSummary("Creates a task.").Produces<TaskDto>(201).ProducesValidationProblem();
        tasks.MapPut("/{id:guid}", async (Guid id, TaskInput input, AccessContext access, TaskService service, CancellationToken ct) =>
                (await service.UpdateAsync(access, id, input, ct)).ToHttp())
            .RequireAuthorization(P.TasksEdit).WithSummary("Replaces a task; send the version you read.").Produces<TaskDto>().ProducesValidationProblem();
        tasks.MapPost("/{id:guid}/complete", async (Guid id, AccessContext access, TaskService service, CancellationToken ct) =>
                (await service.SetDoneAsync(access, id, true, ct)).ToHttp())
            .RequireAuthorization(P.TasksEdit).WithSummary("Marks a task done.").Produces<TaskDto>();
        tasks.MapDelete("/{id:guid}", async (Guid id, AccessContext access, TaskService service, CancellationToken ct) =>
                (await service.DeleteAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(P.TasksDelete).WithSummary("Deletes a task.").ProducesProblem(404);
        return api;
    }
}
