namespace CrmCdp.Web.Modules.Crm.Emails;

internal static class CrmEmailEndpoints
{
    public static RouteGroupBuilder MapCrmEmailEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/emails", async (SendEmailInput input, CrmEmailService service, AccessContext access, CancellationToken ct) =>
            {
                var result = await service.SendAsync(access, input, cancellationToken: ct);
                return result.Value is { } queued ? TypedResults.Accepted($"/api/v1/emails/{queued.Id}", queued) : result.ToHttp();
            })
            .RequireAuthorization(Permissions.Crm.EmailsSend).WithTags("Emails")
            .WithSummary("Emails a contact: {contactId, subject, html or text, templateId, cc, bcc, dealId, track}; queued, answered 202 with the message id (and whether opens and clicks are tracked).")
            .Produces<EmailQueuedDto>(202).ProducesValidationProblem();
        api.MapGet("/emails/{id:guid}", async (Guid id, CrmEmailService service, AccessContext access, CancellationToken ct) =>
                (await service.GetAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(Permissions.Crm.ContactsRead).WithTags("Emails")
            .WithSummary("One email with its status (queued, sent, failed) and the SMTP server's last answer.").Produces<CrmEmailDto>().ProducesProblem(404);
        api.MapGet("/contacts/{id:guid}/emails", (Guid id, CrmEmailService service, AccessContext access, CancellationToken ct) =>
                service.ListForContactAsync(access, id, ct))
            .RequireAuthorization(Permissions.Crm.ContactsRead).WithTags("Emails")
            .WithSummary("The emails exchanged with a contact, newest first.");
        api.MapGet("/email-attachments/{id:guid}", async (Guid id, EmailAttachmentService service, AccessContext access, HttpContext http, CancellationToken ct) =>
            {
                var result = await service.DownloadAsync(access, id, ct);
                if (result.Value is not { } file)
                {
                    return result.ToHttp();
                }

                // Always a download, never rendered: a customer's HTML or SVG must not run as this site.
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.File(file.Content, "application/octet-stream", file.FileName);
            })
            .RequireAuthorization().WithTags("Emails")
            .WithSummary("Downloads a file attached to fetched mail, for whoever may read the email on its timeline or its ticket.")
            .ProducesProblem(404);
        api.MapGet("/tickets/{id:guid}/attachments", (Guid id, EmailAttachmentService service, AccessContext access, CancellationToken ct) =>
                service.ForTicketAsync(access, id, ct))
            .RequireAuthorization(Permissions.Crm.TicketsRead).WithTags("Emails")
            .WithSummary("The files attached to the ticket's emails (name, type, size, and whether the content was within the size limit).");
        api.MapGet("/inbound-emails/unknown-senders", (UnknownSenders service, AccessContext access, CancellationToken ct) => service.ListAsync(access, ct))
            .RequireAuthorization(Permissions.Crm.ContactsCreate).WithTags("Emails")
            .WithSummary("Fetched mail from addresses no contact has, newest first: your personal mailboxes' and the shared ones'.");
        api.MapPost("/inbound-emails/{id:guid}/contact", async (Guid id, UnknownSenders service, AccessContext access, CancellationToken ct) =>
                (await service.MakeContactAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(Permissions.Crm.ContactsCreate).WithTags("Emails")
            .WithSummary("Makes the mail's sender a contact (name and address from the From header) and logs their mail on its timeline.")
            .Produces<Contacts.ContactDto>().ProducesProblem(404);
        return api;
    }
}
