namespace CrmCdp.Web.Modules.Crm.Forms;

internal static class FormEndpoints
{
    public static RouteGroupBuilder MapFormEndpoints(this RouteGroupBuilder api)
    {
        var forms = api.MapGroup("/forms").WithTags("Web forms").RequireAuthorization(Permissions.Crm.FormsManage);
        forms.MapGet("/", (FormService service, AccessContext access, CancellationToken ct) => service.ListAsync(access, cancellationToken: ct))
            .WithSummary("Every web form, with its public URL and embed snippet.");
        forms.MapPost("/", async (FormInput input, FormService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, null, input, cancellationToken: ct)).ToHttp(f => $"/api/v1/forms/{f.Id}"))
            .WithSummary("Creates a form: {name, fields: [{name, label, mapsTo: email|firstName|lastName|phone|company|jobTitle|custom:<key>, required}], consents: [{category, text}], createsTicket, assignTeamId, thankYouMessage}; answers its id and key.")
            .Produces<FormDto>(201).ProducesValidationProblem();
        forms.MapGet("/{id:guid}", async (Guid id, FormService service, AccessContext access, CancellationToken ct) => (await service.GetAsync(access, id, cancellationToken: ct)).ToHttp())
            .Produces<FormDto>().ProducesProblem(404);
        forms.MapPut("/{id:guid}", async (Guid id, FormInput input, FormService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, id, input, cancellationToken: ct)).ToHttp())
            .WithSummary("Replaces a form; a consent box whose text changes gets a new version (earlier texts are kept).")
            .Produces<FormDto>().ProducesValidationProblem().ProducesProblem(404);
        forms.MapDelete("/{id:guid}", async (Guid id, FormService service, AccessContext access, CancellationToken ct) => (await service.DeleteAsync(access, id, ct)).ToHttp())
            .ProducesProblem(404);
        forms.MapGet("/{id:guid}/submissions", (Guid id, string? status, int? limit, FormSubmissionService service, AccessContext access, CancellationToken ct) =>
                service.ListAsync(access, id, status, limit ?? 100, ct))
            .WithSummary("The form's submissions, newest first; status = received, processed, spam or failed.");
        forms.MapPost("/{id:guid}/submissions/{submissionId:guid}/release", async (Guid submissionId, FormSubmissionService service, AccessContext access, CancellationToken ct) =>
                (await service.ReleaseAsync(access, submissionId, ct)).ToHttp())
            .WithSummary("Not spam after all: processes a held submission as an accepted one.")
            .Produces<FormSubmissionDto>().ProducesValidationProblem().ProducesProblem(404);
        forms.MapDelete("/{id:guid}/submissions/{submissionId:guid}", async (Guid submissionId, FormSubmissionService service, AccessContext access, CancellationToken ct) =>
                (await service.DeleteAsync(access, submissionId, ct)).ToHttp())
            .ProducesProblem(404);
        return api;
    }
}
