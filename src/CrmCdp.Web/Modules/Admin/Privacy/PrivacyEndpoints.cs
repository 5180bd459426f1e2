
namespace CrmCdp.Web.Modules.Admin.Privacy;

internal static class PrivacyEndpoints
{
    public static RouteGroupBuilder MapPrivacyEndpoints(this RouteGroupBuilder api)
    {
        var privacy = api.MapGroup("/privacy").WithTags("Privacy").RequireAuthorization(Permissions.Privacy.RequestsManage);
        privacy.MapPost("/requests", async (PrivacyRequestInput input, PrivacyService service, AccessContext access, CancellationToken ct) =>
                (await service.FileAsync(access, input, ct)).ToHttp(r => $"/api/v1/privacy/requests/{r.Id}"))
            .WithSummary("Files a request about a person: {kind: access|erase|suppress, identifierKind: email|phone|userId, identifier}. Access and erase run as a background job; poll the request's status.")
            .Produces<PrivacyRequestDto>(201).ProducesValidationProblem();
        privacy.MapGet("/requests", (PrivacyService service, AccessContext access, CancellationToken ct) => service.ListAsync(access, ct))
            .WithSummary("The latest privacy requests with status (requested, running, done, failed) and report; identifiers appear masked.");
        privacy.MapGet("/requests/{id:guid}", async (Guid id, PrivacyService service, AccessContext access, CancellationToken ct) => (await service.GetAsync(access, id, ct)).ToHttp())
            .WithSummary("One privacy request.").Produces<PrivacyRequestDto>().ProducesProblem(404);
        privacy.MapGet("/requests/{id:guid}/download", async (Guid id, PrivacyService service, AccessContext access, CancellationToken ct) =>
                await service.ResultAsync(access, id, ct) is { } json
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", $"personal-data-{id}.json")
                    : Results.NotFound())
            .WithSummary("Downloads the JSON of everything held about the person (completed access requests only).");
        privacy.MapGet("/suppressions", (PrivacyService service, AccessContext access, CancellationToken ct) => service.SuppressionsAsync(access, ct))
            .WithSummary("Suppressed identifiers (masked), with the number of events dropped for each.");
        privacy.MapDelete("/suppressions/{id:guid}", async (Guid id, PrivacyService service, AccessContext access, CancellationToken ct) =>
                (await service.LiftSuppressionAsync(access, id, ct)).ToHttp())
            .WithSummary("Lifts a suppression: the identifier's events are collected again.").ProducesProblem(404);
        return api;
    }
}
