namespace CrmCdp.Web.Platform.Email.Inbound;

internal static class MailboxEndpoints
{
    public static RouteGroupBuilder MapMailboxEndpoints(this RouteGroupBuilder api)
    {
        var mailboxes = api.MapGroup("/mailboxes").WithTags("Email").RequireAuthorization(Permissions.Admin.EmailManage);
        mailboxes.MapGet("/", (MailboxService service, AccessContext access, CancellationToken ct) => service.ListAsync(access, ct))
            .WithSummary("The IMAP mailboxes CrmCdp reads, with when each was last read and its last error; never a password.");
        mailboxes.MapPost("/", async (MailboxInput input, MailboxService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, null, input, ct)).ToHttp(m => $"/api/v1/mailboxes/{m.Id}"))
            .WithSummary("Adds a mailbox: {name, host, port, tlsMode, user, password, folder, ownerUserId (personal), isSupport (mail becomes tickets), enabled}.")
            .Produces<MailboxDto>(201).ProducesValidationProblem();
        mailboxes.MapPut("/{id:guid}", async (Guid id, MailboxInput input, MailboxService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, id, input, ct)).ToHttp())
            .Produces<MailboxDto>().ProducesValidationProblem().ProducesProblem(404);
        mailboxes.MapDelete("/{id:guid}", async (Guid id, MailboxService service, AccessContext access, CancellationToken ct) =>
                (await service.DeleteAsync(access, id, ct)).ToHttp())
            .ProducesProblem(404);
        mailboxes.MapPost("/{id:guid}/fetch", async (Guid id, MailboxFetchJob fetch, CancellationToken ct) => TypedResults.Ok(new { stored = await fetch.FetchAsync(id, ct) }))
            .WithSummary("Reads the mailbox now (it is also read every minute); answers how many new messages were stored.");
        return api;
    }
}
