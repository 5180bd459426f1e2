
namespace CrmCdp.Web.Modules.Cdp.Segments;

internal static class SegmentEndpoints
{
    public static RouteGroupBuilder MapSegmentEndpoints(this RouteGroupBuilder api)
    {
        var segments = api.MapGroup("/segments").WithTags("Segments").RequireAuthorization(Permissions.Cdp.SegmentsRead);
        segments.MapGet("/", (SegmentService service, AccessContext access, CancellationToken ct) => service.ListAsync(access, ct)).WithSummary("All segments with their member counts.");
        segments.MapGet("/{id:guid}", async (Guid id, SegmentService service, AccessContext access, CancellationToken ct) => (await service.GetAsync(access, id, ct)).ToHttp())
            .WithSummary("One segment: its condition tree, consent category and activation settings.").Produces<SegmentDto>().ProducesProblem(404);
        segments.MapPost("/", async (SegmentInput input, SegmentService service, AccessContext access, CancellationToken ct) =>
                (await service.CreateAsync(access, input, ct)).ToHttp(s => $"/api/v1/segments/{s.Id}"))
            .RequireAuthorization(Permissions.Cdp.SegmentsManage)
            .WithSummary("Creates a segment: {name, description, definition (condition tree), consentCategory, activationEnabled, taskTitle, taskDueInDays}; members are computed at once in the background. Activation needs cdp.activations.manage.")
            .Produces<SegmentDto>(201).ProducesValidationProblem().ProducesProblem(403);
        segments.MapPut("/{id:guid}", async (Guid id, SegmentInput input, SegmentService service, AccessContext access, CancellationToken ct) =>
                (await service.UpdateAsync(access, id, input, ct)).ToHttp())
            .RequireAuthorization(Permissions.Cdp.SegmentsManage)
            .WithSummary("Changes a segment (send the version you read); members are recomputed. Changing activation or its task needs cdp.activations.manage.")
            .Produces<SegmentDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        segments.MapPost("/{id:guid}/duplicate", async (Guid id, SegmentService service, AccessContext access, CancellationToken ct) =>
                (await service.DuplicateAsync(access, id, ct)).ToHttp(s => $"/api/v1/segments/{s.Id}"))
            .RequireAuthorization(Permissions.Cdp.SegmentsManage)
            .WithSummary("Copies a segment as \"Copy of …\" with activation off; its members are computed at once.").Produces<SegmentDto>(201).ProducesProblem(404);
        segments.MapGet("/{id:guid}/definition", async (Guid id, HttpContext http, SegmentService service, AccessContext access, CancellationToken ct) =>
            {
                var segment = await service.GetAsync(access, id, ct);
                if (segment.Value is { } s)
                {
                    http.Response.Headers.ContentDisposition = $"attachment; filename=\"segment-{SegmentFiles.Slug(s.Name)}.json\"";
                }

                return segment.Value is { } found ? Results.Ok(SegmentFiles.Of(found)) : segment.ToHttp();
            })
            .WithSummary("The segment's definition as a JSON file {name, description, definition, consentCategory}: POST it to /api/v1/segments to import it (here or elsewhere).")
            .Produces<SegmentDefinitionFile>().ProducesProblem(404);
        segments.MapDelete("/{id:guid}", async (Guid id, SegmentService service, AccessContext access, CancellationToken ct) => (await service.DeleteAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(Permissions.Cdp.SegmentsManage)
            .WithSummary("Deletes a segment with its members and history; refused (409) while another segment's conditions use it.").Produces(204).ProducesProblem(404).ProducesProblem(409);
        segments.MapPost("/preview", async (SegmentPreviewInput input, Guid? segmentId, SegmentQueries queries, AccessContext access, CancellationToken ct) =>
                (await queries.PreviewAsync(access, input.Definition, segmentId, ct)).ToHttp())
            .RequireAuthorization(Permissions.Cdp.SegmentsManage)
            .WithSummary("Counts the live profiles an unsaved condition tree matches now, with up to 10 of their ids.").Produces<SegmentPreview>().ProducesValidationProblem();
        segments.MapGet("/{id:guid}/members", async (Guid id, string? cursor, int? limit, SegmentQueries queries, AccessContext access, CancellationToken ct) =>
                (await queries.MembersAsync(access, id, cursor, limit, ct)).ToHttp())
            .WithSummary("The segment's members, newest entries first (consented says whether the segment's consent category was granted); pass nextCursor back for the next page.")
            .Produces<SegmentMemberPage>().ProducesValidationProblem().ProducesProblem(404);
        segments.MapGet("/{id:guid}/stats", async (Guid id, int? days, SegmentQueries queries, AccessContext access, CancellationToken ct) =>
                days is not null and not (>= 1 and <= 365)
                    ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["Look back 1 to 365 days."] })
                    : (await queries.StatsAsync(access, id, days ?? 30, ct)).ToHttp())
            .WithSummary("Entries and exits per day over the last ?days= (default 30), and what activation did with the entries.")
            .Produces<SegmentStats>().ProducesValidationProblem().ProducesProblem(404);
        segments.MapGet("/{id:guid}/export", async (Guid id, HttpContext http, AccessContext access, SegmentExport export, CancellationToken ct) =>
            {
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"segment-{id:N}-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
                return await export.WriteAsync(access, id, http.Response.Body, ct) is null ? Results.NotFound() : Results.Empty;
            })
            .RequireAuthorization(Permissions.Cdp.SegmentsExport)
            .WithSummary("Streams the members as CSV; members without the segment's consent category are left out (the audit entry counts them).")
            .Produces(200, contentType: "text/csv").ProducesProblem(404);
        segments.MapGet("/{id:guid}/ad-audience", async (Guid id, string? format, HttpContext http, AccessContext access, Destinations.AdAudienceExport export, CancellationToken ct) =>
            {
                if (format is null || !Destinations.AdAudienceExport.Formats.Contains(format))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"The format is one of {string.Join(", ", Destinations.AdAudienceExport.Formats)}."] });
                }

                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"segment-{id:N}-{format}-customer-list.csv\"";
                return await export.WriteAsync(access, id, format, http.Response.Body, ct) is null ? Results.NotFound() : Results.Empty;
            })
            .RequireAuthorization(Permissions.Cdp.SegmentsExport)
            .WithSummary("The members who granted advertising consent as an ad platform's customer list (?format=google|meta): normalized emails and phones, SHA-256 hashed; audited.")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(404);

        var computed = api.MapGroup("/computed-traits").WithTags("Segments").RequireAuthorization(Permissions.Cdp.SegmentsRead);
        computed.MapGet("/", (ComputedTraitService service, AccessContext access, CancellationToken ct) => service.ListAsync(access, ct))
            .WithSummary("Computed traits: weighted counts of events in a window (intent_score is one).");
        computed.MapPost("/", async (ComputedTraitInput input, ComputedTraitService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, null, input, ct)).ToHttp(t => $"/api/v1/computed-traits/{t.Id}"))
            .RequireAuthorization(Permissions.Cdp.ComputedTraitsManage)
            .WithSummary("Creates a computed trait: {key, name, windowDays, rules: [{event, points}], cap}.").Produces<ComputedTraitDto>(201).ProducesValidationProblem();
        computed.MapPut("/{id:guid}", async (Guid id, ComputedTraitInput input, ComputedTraitService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, id, input, ct)).ToHttp())
            .RequireAuthorization(Permissions.Cdp.ComputedTraitsManage)
            .WithSummary("Changes a computed trait (its key stays).").Produces<ComputedTraitDto>().ProducesValidationProblem().ProducesProblem(404);
        computed.MapDelete("/{id:guid}", async (Guid id, ComputedTraitService service, AccessContext access, CancellationToken ct) => (await service.DeleteAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(Permissions.Cdp.ComputedTraitsManage)
            .WithSummary("Deletes a computed trait and its values; refused (409) while a segment uses it.").Produces(204).ProducesProblem(404).ProducesProblem(409);
        return api;
    }
}
