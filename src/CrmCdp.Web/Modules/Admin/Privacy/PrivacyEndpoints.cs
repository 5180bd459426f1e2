using System.Security.Claims;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.Web.Modules.Admin.Privacy;

internal static class PrivacyEndpoints
{
    public static RouteGroupBuilder MapPrivacyEndpoints(this RouteGroupBuilder api)
    {
        var privacy = api.MapGroup("/privacy").WithTags("Privacy").RequireAuthorization(Permissions.Privacy.RequestsManage);
        privacy.MapPost("/requests", async (PrivacyRequestInput input, PrivacyService service, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.FileAsync(input, user, ct)).ToHttp(r => $"/api/v1/privacy/requests/{r.Id}"))
            .WithSummary("Files a request about a person: {kind: access|erase|suppress, identifierKind: email|phone|userId, identifier}. Access and erase run as a background job; poll the request's status.")
            .Produces<PrivacyRequestDto>(201).ProducesValidationProblem();
        privacy.MapGet("/requests", (PrivacyService service, CancellationToken ct) => service.ListAsync(ct))
            .WithSummary("The latest privacy requests with status (requested, running, done, failed) and report; identifiers appear masked.");
        privacy.MapGet("/requests/{id:guid}", async (Guid id, PrivacyService service, CancellationToken ct) => (await service.GetAsync(id, ct)).ToHttp())
            .WithSummary("One privacy request.").Produces<PrivacyRequestDto>().ProducesProblem(404);
        privacy.MapGet("/requests/{id:guid}/download", async (Guid id, PrivacyService service, ClaimsPrincipal user, CancellationToken ct) =>
                await service.ResultAsync(id, user, ct) is { } json
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", $"personal-data-{id}.json")
                    : Results.NotFound())
            .WithSummary("Downloads the JSON of everything held about the person (completed access requests only).");
        privacy.MapGet("/suppressions", (PrivacyService service, CancellationToken ct) => service.SuppressionsAsync(ct))
            .WithSummary("Suppressed identifiers (masked), with the number of events dropped for each.");
        privacy.MapDelete("/suppressions/{id:guid}", async (Guid id, PrivacyService service, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.LiftSuppressionAsync(id, user, ct)).ToHttp())
            .WithSummary("Lifts a suppression: the identifier's events are collected again.").ProducesProblem(404);
        return api;
    }
}
