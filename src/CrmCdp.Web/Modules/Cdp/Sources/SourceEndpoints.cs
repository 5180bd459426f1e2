using CrmCdp.Web.Modules.Cdp.Ingestion;

namespace CrmCdp.Web.Modules.Cdp.Sources;

internal static class SourceEndpoints
{
    public static RouteGroupBuilder MapSourceEndpoints(this RouteGroupBuilder api)
    {
        var sources = api.MapGroup("/sources").WithTags("Sources").RequireAuthorization(Permissions.Cdp.SourcesManage);
        sources.MapGet("/", (SourceService service, AccessContext access, CancellationToken ct) => service.ListAsync(access, ct)).WithSummary("Event sources (write keys appear only as a prefix).");
        sources.MapGet("/{id:guid}", async (Guid id, SourceService service, AccessContext access, CancellationToken ct) => (await service.GetAsync(access, id, ct)).ToHttp())
            .WithSummary("One source.").Produces<SourceDto>().ProducesProblem(404);
        sources.MapPost("/", async (SourceInput input, SourceService service, AccessContext access, CancellationToken ct) =>
                (await service.CreateAsync(access, input, ct)).ToHttp(s => $"/api/v1/sources/{s.Id}"))
            .WithSummary("Creates a source: {name, type}; the answer holds its writeKey, the key's only appearance.")
            .Produces<SourceDto>(201).ProducesValidationProblem();
        sources.MapPost("/{id:guid}/rotate", async (Guid id, SourceService service, AccessContext access, CancellationToken ct, int? overlapHours) =>
                overlapHours is < 0 or > 720
                    ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["overlapHours"] = ["Keep the old key working for 0 to 720 hours."] })
                    : (await service.RotateAsync(access, id, TimeSpan.FromHours(overlapHours ?? 24), ct)).ToHttp())
            .WithSummary("Issues a new write key (answered once); the old key keeps working for ?overlapHours= (default 24, 0 revokes it at once).")
            .Produces<SourceDto>().ProducesValidationProblem().ProducesProblem(404);
        sources.MapPost("/{id:guid}/disable", async (Guid id, SourceService service, AccessContext access, CancellationToken ct) =>
                (await service.SetEnabledAsync(access, id, false, ct)).ToHttp())
            .WithSummary("Disables the source: its events are refused with 403 until it is enabled again.").Produces<SourceDto>().ProducesProblem(404);
        sources.MapPost("/{id:guid}/enable", async (Guid id, SourceService service, AccessContext access, CancellationToken ct) =>
                (await service.SetEnabledAsync(access, id, true, ct)).ToHttp())
            .WithSummary("Enables the source again.").Produces<SourceDto>().ProducesProblem(404);
        sources.MapGet("/{id:guid}/debugger", (Guid id, IngestionDebugFeed feed, long? after) =>
            {
                feed.Watch(id);
                return feed.Since(id, after ?? 0);
            })
            .WithSummary("The live debugger: calls received for the source since ?after= (a sequence), newest first; recording starts with the first poll and stops a minute after the last.");
        return api;
    }
}
