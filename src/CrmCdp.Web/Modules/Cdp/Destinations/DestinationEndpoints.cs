namespace CrmCdp.Web.Modules.Cdp.Destinations;

internal static class DestinationEndpoints
{
    public static RouteGroupBuilder MapDestinationEndpoints(this RouteGroupBuilder api)
    {
        var destinations = api.MapGroup("/destinations").WithTags("Destinations").RequireAuthorization(Permissions.Cdp.DestinationsManage);
        destinations.MapGet("/", (DestinationService service, AccessContext access, CancellationToken ct) => service.ListAsync(access, ct)).WithSummary("Destinations (secrets never appear).");
        destinations.MapGet("/{id:guid}", async (Guid id, DestinationService service, AccessContext access, CancellationToken ct) => (await service.GetAsync(access, id, ct)).ToHttp())
            .WithSummary("One destination.").Produces<DestinationDto>().ProducesProblem(404);
        destinations.MapPost("/", async (DestinationInput input, DestinationService service, AccessContext access, CancellationToken ct) =>
                (await service.CreateAsync(access, input, ct)).ToHttp(d => $"/api/v1/destinations/{d.Id}"))
            .WithSummary("Creates a webhook destination: {name, type, url, headers, enabled, subscriptions {sourceIds, eventTypes, eventNames, properties, segmentIds, crmFacts}, batchSize, consentCategory, includePii}; the answer holds its signing secret, the secret's only appearance.")
            .Produces<DestinationDto>(201).ProducesValidationProblem();
        destinations.MapPut("/{id:guid}", async (Guid id, DestinationInput input, DestinationService service, AccessContext access, CancellationToken ct) =>
                (await service.UpdateAsync(access, id, input, ct)).ToHttp())
            .WithSummary("Replaces the destination's settings (its secret stays); enabling it again clears why it was switched off.")
            .Produces<DestinationDto>().ProducesValidationProblem().ProducesProblem(404);
        destinations.MapDelete("/{id:guid}", async (Guid id, DestinationService service, AccessContext access, CancellationToken ct) =>
                (await service.DeleteAsync(access, id, ct)).ToHttp())
            .WithSummary("Deletes the destination and its delivery log.").Produces(204).ProducesProblem(404);
        destinations.MapPost("/{id:guid}/rotate-secret", async (Guid id, DestinationService service, AccessContext access, CancellationToken ct, int? overlapHours) =>
                overlapHours is < 0 or > 720
                    ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["overlapHours"] = ["Keep the old secret signing for 0 to 720 hours."] })
                    : (await service.RotateSecretAsync(access, id, TimeSpan.FromHours(overlapHours ?? 24), ct)).ToHttp())
            .WithSummary("Issues a new signing secret (answered once); the old one also signs, space-separated, for ?overlapHours= (default 24, 0 drops it at once).")
            .Produces<DestinationDto>().ProducesValidationProblem().ProducesProblem(404);
        destinations.MapPost("/{id:guid}/test", async (Guid id, DeliveryService service, AccessContext access, CancellationToken ct) => (await service.TestAsync(access, id, ct)).ToHttp())
            .WithSummary("Sends a signed sample now and answers the receiver's status, latency and response.").Produces<TestSendResult>().ProducesProblem(404);
        destinations.MapGet("/{id:guid}/health", (Guid id, DeliveryService service, AccessContext access, CancellationToken ct) => service.HealthAsync(access, id, ct))
            .WithSummary("The last 24 hours: attempts, success rate, latency per hour, and what waits to be sent.");
        destinations.MapGet("/{id:guid}/deliveries", async (Guid id, DeliveryService service, AccessContext access, CancellationToken ct, string? cursor, int? limit) =>
                (await service.ListAsync(access, id, cursor, limit, ct)).ToHttp())
            .WithSummary("The delivery log, newest first (keyset: ?cursor= the previous page's nextCursor, ?limit= up to 200).")
            .Produces<DeliveryPage>().ProducesValidationProblem().ProducesProblem(404);
        destinations.MapGet("/{id:guid}/deliveries/{deliveryId:long}", async (Guid id, long deliveryId, DeliveryService service, AccessContext access, CancellationToken ct) =>
                (await service.GetAsync(access, id, deliveryId, ct)).ToHttp())
            .WithSummary("One delivery: its payload and every attempt's time, status code, latency and response.").Produces<DeliveryDetailDto>().ProducesProblem(404);
        destinations.MapPost("/{id:guid}/deliveries/{deliveryId:long}/replay", async (Guid id, long deliveryId, DeliveryService service, AccessContext access, CancellationToken ct) =>
                (await service.ReplayAsync(access, id, deliveryId, null, null, ct)).ToHttp())
            .WithSummary("Sends one delivery again now, with its webhook id.").Produces<ReplayResult>().ProducesProblem(404);
        destinations.MapPost("/{id:guid}/replay", async (Guid id, DeliveryService service, AccessContext access, CancellationToken ct, DateTimeOffset? from, DateTimeOffset? to) =>
                (await service.ReplayAsync(access, id, null, from, to, ct)).ToHttp())
            .WithSummary("Sends again every delivery created in [?from=, ?to=), with their webhook ids.").Produces<ReplayResult>().ProducesValidationProblem().ProducesProblem(404);
        return api;
    }
}
