using CrmCdp.Web.Modules.Crm.Common;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Tickets;

internal static class TicketEndpoints
{
    public static RouteGroupBuilder MapTicketEndpoints(this RouteGroupBuilder api)
    {
        var sla = api.MapGroup("/sla").WithTags("Tickets").RequireAuthorization(Permissions.Admin.PipelinesManage);
        sla.MapGet("/policies", (SlaAdmin admin, AccessContext access, CancellationToken ct) => admin.PoliciesAsync(access, ct)).WithSummary("SLA targets per priority, in business minutes.");
        sla.MapPut("/policies", async (List<SlaPolicyDto> policies, SlaAdmin admin, AccessContext access, CancellationToken ct) => (await admin.SavePoliciesAsync(access, policies, ct)).ToHttp())
            .WithSummary("Sets the targets of the given priorities; applies to tickets opened from now on.").ProducesValidationProblem();
        sla.MapGet("/calendar", (SlaAdmin admin, AccessContext access, CancellationToken ct) => admin.CalendarAsync(access, ct)).WithSummary("The working calendar SLA clocks run on.");
        sla.MapPut("/calendar", async (SlaCalendarDto calendar, SlaAdmin admin, AccessContext access, CancellationToken ct) => (await admin.SaveCalendarAsync(access, calendar, ct)).ToHttp())
            .WithSummary("Sets time zone, working days (1 = Monday), hours and holidays.").ProducesValidationProblem();
        sla.MapPut("/routing/{teamId:guid}", async (Guid teamId, RoutingInput input, SlaAdmin admin, AccessContext access, CancellationToken ct) => (await admin.SaveRoutingAsync(access, teamId, input, ct)).ToHttp())
            .WithSummary("How new tickets routed to the team are assigned: manual, roundRobin or leastOpen (members marked away are skipped).")
            .ProducesValidationProblem().ProducesProblem(404);

        var tickets = api.MapGroup("/tickets").WithTags("Tickets");
        tickets.MapGet("/", async (AccessContext access, TicketQueue queue, CancellationToken ct, [AsParameters] TicketQueueParameters query, int? limit) =>
                query.ToQuery() is var wanted && wanted.Problem() is { } problem
                    ? CrmHttpResults.InvalidQuery(problem.Field, problem.Message)
                    : TypedResults.Ok(await queue.ListAsync(access, wanted, SearchPatterns.ClampLimit(limit), ct)))
            .RequireAuthorization(P.TicketsRead)
            .WithSummary("Tickets visible to the caller: ?queue=mine|unassigned|all&status=&priority=&q=&contactId=&companyId=&assigneeId=&sort=due|newest|updated|priority (due: soonest SLA deadline first).")
            .Produces<IReadOnlyList<TicketDto>>();
        tickets.MapGet("/dashboard", (AccessContext access, SupportStats stats, CancellationToken ct, int? weeks) => stats.DashboardAsync(access, Math.Clamp(weeks ?? 8, 1, 52), ct))
            .RequireAuthorization(P.TicketsRead)
            .WithSummary("Open tickets by status and priority, SLA compliance per week, median first-response and resolution times over ?weeks= (default 8).");
        tickets.MapGet("/{id:guid}", async (Guid id, AccessContext access, TicketService service, CancellationToken ct) => (await service.GetAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(P.TicketsRead).WithSummary("Gets one ticket with its SLA timers.").Produces<TicketDto>().ProducesProblem(404);
        tickets.MapPost("/", async (TicketInput input, AccessContext access, TicketService service, CancellationToken ct) =>
                (await service.CreateAsync(access, input, ct)).ToHttp(t => $"/api/v1/tickets/{t.Id}"))
            .RequireAuthorization(P.TicketsCreate)
            .WithSummary("Opens a ticket; the answer carries its SLA firstResponseDueAt and resolutionDueAt (business hours).")
            .Produces<TicketDto>(201).ProducesValidationProblem();
        tickets.MapPut("/{id:guid}", async (Guid id, TicketInput input, AccessContext access, TicketService service, CancellationToken ct) =>
                (await service.UpdateAsync(access, id, input, ct)).ToHttp())
            .RequireAuthorization(P.TicketsEdit)
            .WithSummary("Changes subject, priority (new targets), status (pendingCustomer pauses the resolution clock), assignee or team.")
            .Produces<TicketDto>().ProducesValidationProblem().ProducesProblem(404);
        tickets.MapPost("/assign", async (AssignInput input, AccessContext access, TicketService service, CancellationToken ct) =>
                (await service.AssignAsync(access, input.Ids ?? [], input.AssigneeId, ct)).ToHttp())
            .RequireAuthorization(P.TicketsEdit)
            .WithSummary("Assigns up to 1,000 tickets to a user (or unassigns with assigneeId null); tickets outside the caller's scope are skipped and counted.")
            .Produces<Bulk.BulkResult>().ProducesValidationProblem();
        tickets.MapPost("/{id:guid}/merge", async (Guid id, MergeInput input, AccessContext access, TicketService service, CancellationToken ct) =>
                (await service.MergeAsync(access, id, input.IntoId, ct)).ToHttp())
            .RequireAuthorization(P.TicketsEdit)
            .WithSummary("Merges this (duplicate) ticket into {intoId}: the conversation moves over and this one is closed.")
            .Produces<TicketDto>().ProducesValidationProblem().ProducesProblem(404);
        tickets.MapGet("/{id:guid}/replies", (Guid id, AccessContext access, TicketService service, CancellationToken ct) => service.RepliesAsync(access, id, ct))
            .RequireAuthorization(P.TicketsRead).WithSummary("The conversation: public replies and internal notes, oldest first.");
        tickets.MapPost("/{id:guid}/replies", async (Guid id, ReplyInput input, AccessContext access, TicketService service, CancellationToken ct) =>
                (await service.ReplyAsync(access, id, input, ct)).ToHttp(r => $"/api/v1/tickets/{id}/replies"))
            .RequireAuthorization(P.TicketsEdit)
            .WithSummary("Adds a public reply (stops the first-response timer) or, with internal: true, an internal note.")
            .Produces<ReplyDto>(201).ProducesValidationProblem().ProducesProblem(404);
        return api;
    }
}

public sealed class AssignInput
{
    public List<Guid>? Ids { get; set; }

    public Guid? AssigneeId { get; set; }
}

public sealed class MergeInput
{
    public Guid IntoId { get; set; }
}
