using CrmCdp.Web.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmCdp.Web.Modules.Admin.ApiKeys;

internal static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(Permissions.Admin.ApiKeysManage);
        keys.MapGet("/", (ApiKeyService service, AccessContext access, CancellationToken ct) => service.ListAsync(access, ct))
            .WithSummary("Lists API keys (prefix only; the secret is never shown again).");
        keys.MapPost("/", CreateAsync)
            .Validate<CreateApiKeyRequest>()
            .WithSummary("Creates an API key carrying a role; the response holds the key's only appearance.");
        keys.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, ApiKeyService service, AccessContext access, CancellationToken ct) =>
                await service.RevokeAsync(access, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Revokes an API key at once.");
        return api;
    }

    private static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> CreateAsync(
        CreateApiKeyRequest request, ApiKeyService service, AccessContext access, CancellationToken cancellationToken)
    {
        var result = await service.CreateAsync(access, request, cancellationToken);
        if (result.Key is null)
        {
            var field = char.ToLowerInvariant(result.Field![0]) + result.Field[1..];
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [result.Error!] });
        }

        return TypedResults.Created($"/api/v1/api-keys/{result.Key.Id}", result.Key);
    }
}
