namespace CrmCdp.Web.Platform.Email;

internal sealed record EmailTestRequest(string? To);

internal static class EmailEndpoints
{
    public static RouteGroupBuilder MapEmailEndpoints(this RouteGroupBuilder api)
    {
        var email = api.MapGroup("/email").WithTags("Email");
        var settings = email.MapGroup("/settings").RequireAuthorization(Permissions.Admin.EmailManage);
        settings.MapGet("/", async (EmailSettingsService service, AccessContext access, CancellationToken ct) => (await service.GetAsync(access, ct)).ToHttp())
            .WithSummary("The SMTP server and senders in effect (source: settings, configuration or none); never the password.").Produces<EmailSettingsDto>();
        settings.MapPut("/", async (EmailSettingsInput input, EmailSettingsService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, input, ct)).ToHttp())
            .WithSummary("Saves {host, port, tlsMode, user, password, from, replyTo, sendFromUserAddress}; they override the Email__ configuration keys.")
            .Produces<EmailSettingsDto>().ProducesValidationProblem();
        settings.MapPost("/test", async (EmailTestRequest request, EmailTestSend service, AccessContext access, CancellationToken ct) =>
                (await service.SendAsync(access, request.To, ct)).ToHttp())
            .WithSummary("Sends a test email now and answers with what the SMTP server said.").Produces<EmailTestResult>().ProducesValidationProblem();

        email.MapGet("/log", (string? status, int? limit, EmailLogQueries queries, AccessContext access, CancellationToken ct) =>
                queries.RecentAsync(access, status, limit ?? 100, ct))
            .RequireAuthorization(Permissions.Admin.EmailManage)
            .WithSummary("Recent emails with their status (queued, sent, failed) and the SMTP server's last answer.");
        email.MapGet("/log/{id:guid}", (Guid id, EmailLogQueries queries, AccessContext access, CancellationToken ct) => queries.LogAsync(access, id, ct))
            .RequireAuthorization(Permissions.Admin.EmailManage)
            .WithSummary("The send log of one email: queued, each attempt with the SMTP answer, sent or failed.");

        var templates = email.MapGroup("/templates");
        templates.MapGet("/", async (EmailTemplateService service, AccessContext access, CancellationToken ct) => (await service.ListAsync(access, ct)).ToHttp())
            .WithSummary("Email templates (Liquid over contact.* and sender.*).").Produces<IReadOnlyList<EmailTemplateDto>>().ProducesProblem(403);
        templates.MapGet("/{id:guid}", async (Guid id, EmailTemplateService service, AccessContext access, CancellationToken ct) =>
                (await service.GetAsync(access, id, ct)).ToHttp())
            .Produces<EmailTemplateDto>().ProducesProblem(404);
        templates.MapPost("/", async (EmailTemplateInput input, EmailTemplateService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, null, input, ct)).ToHttp(t => $"/api/v1/email/templates/{t.Id}"))
            .RequireAuthorization(Permissions.Admin.EmailTemplatesManage)
            .WithSummary("Creates a template: {name, subject, html, text}; Liquid is checked as it is saved.").Produces<EmailTemplateDto>(201).ProducesValidationProblem();
        templates.MapPut("/{id:guid}", async (Guid id, EmailTemplateInput input, EmailTemplateService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, id, input, ct)).ToHttp())
            .RequireAuthorization(Permissions.Admin.EmailTemplatesManage).Produces<EmailTemplateDto>().ProducesValidationProblem().ProducesProblem(404);
        templates.MapDelete("/{id:guid}", async (Guid id, EmailTemplateService service, AccessContext access, CancellationToken ct) =>
                (await service.DeleteAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(Permissions.Admin.EmailTemplatesManage).ProducesProblem(404);
        return api;
    }
}
