namespace CrmCdp.Web.Modules.Crm.Emails;

internal static class CrmEmailEndpoints
{
    public static RouteGroupBuilder MapCrmEmailEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/emails", async (SendEmailInput input, CrmEmailService service, AccessContext access, CancellationToken ct) =>
            {
                var result = await service.SendAsync(access, input, ct);
                return result.Value is { } queued ? TypedResults.Accepted($"/api/v1/emails/{queued.Id}", queued) : result.ToHttp();
            })
            .RequireAuthorization(Permissions.Crm.EmailsSend).WithTags("Emails")
            .WithSummary("Emails a contact: {contactId, subject, html or text, templateId, cc, bcc, dealId}; queued, answered 202 with the message id.")
            .Produces<EmailQueuedDto>(202).ProducesValidationProblem();
        api.MapGet("/emails/{id:guid}", async (Guid id, CrmEmailService service, AccessContext access, CancellationToken ct) =>
                (await service.GetAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(Permissions.Crm.ContactsRead).WithTags("Emails")
            .WithSummary("One email with its status (queued, sent, failed) and the SMTP server's last answer.").Produces<CrmEmailDto>().ProducesProblem(404);
        api.MapGet("/contacts/{id:guid}/emails", (Guid id, CrmEmailService service, AccessContext access, CancellationToken ct) =>
                service.ListForContactAsync(access, id, ct))
            .RequireAuthorization(Permissions.Crm.ContactsRead).WithTags("Emails")
            .WithSummary("The emails exchanged with a contact, newest first.");
        return api;
    }
}
