using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Platform.Auth;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Tickets;

internal static class TicketEndpoints
{
    public static RouteGroupBuilder MapTicketEndpoints(this RouteGroupBuilder api)
    {
        var tickets = api.MapGroup("/tickets").WithTags("Tickets");
        tickets.MapGet("/", async (AccessContext access, TicketService service, CancellationToken ct, string? queue, string? status, int? limit) =>
                queue is not (null or "mine" or "unassigned" or "all")
                    ? CrmHttpResults.InvalidQuery("queue", "The queue must be one of: mine, unassigned, all.")
                    : TypedResults.Ok(await service.QueueAsync(access, queue, status, SearchPatterns.ClampLimit(limit), ct)))
            .RequireAuthorization(P.TicketsRead)
            .WithSummary("Tickets visible to the caller, soonest SLA deadline first: ?queue=mine|unassigned|all&status=.")
            .Produces<IReadOnlyList<TicketDto>>();
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
