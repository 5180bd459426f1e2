using CrmCdp.Web.Modules.Crm.Common;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

internal static class DealEndpoints
{
    public static RouteGroupBuilder MapDealEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/pipelines", (AccessContext access, PipelineService pipelines, CancellationToken ct) => pipelines.VisibleAsync(access, ct))
            .RequireAuthorization(P.DealsRead).WithTags("Deals")
            .WithSummary("Pipelines visible to the caller, each with its ordered stages (id, name, order, probability, rottingDays).");
        api.MapGet("/lost-reasons", (PipelineService pipelines, AccessContext access, CancellationToken ct) => pipelines.LostReasonsAsync(access, ct))
            .RequireAuthorization(P.DealsRead).WithTags("Deals").WithSummary("The reasons a deal can be lost for.");

        var admin = api.MapGroup("").WithTags("Deals").RequireAuthorization(Permissions.Admin.PipelinesManage);
        admin.MapPost("/pipelines", async (PipelineInput input, PipelineAdmin pipelines, AccessContext access, CancellationToken ct) =>
                (await pipelines.SaveAsync(access, null, input, ct)).ToHttp(p => $"/api/v1/pipelines/{p.Id}"))
            .WithSummary("Creates a pipeline: {name, currency, visibleToTeamIds (empty: everyone), stages: [{name, probability, rottingDays}]}.")
            .Produces<PipelineDto>(201).ProducesValidationProblem();
        admin.MapPut("/pipelines/{id:guid}", async (Guid id, PipelineInput input, PipelineAdmin pipelines, AccessContext access, CancellationToken ct) =>
                (await pipelines.SaveAsync(access, id, input, ct)).ToHttp())
            .WithSummary("Replaces a pipeline and its ordered stages (existing stages by id; a stage left out is removed if no deal is in it).")
            .Produces<PipelineDto>().ProducesValidationProblem().ProducesProblem(404);
        admin.MapDelete("/pipelines/{id:guid}", async (Guid id, PipelineAdmin pipelines, AccessContext access, CancellationToken ct) => (await pipelines.DeleteAsync(access, id, ct)).ToHttp())
            .WithSummary("Deletes a pipeline without deals (409 otherwise).").ProducesProblem(404).ProducesProblem(409);
        admin.MapPost("/lost-reasons", async (LostReasonInput input, PipelineAdmin pipelines, AccessContext access, CancellationToken ct) =>
                (await pipelines.SaveReasonAsync(access, null, input, ct)).ToHttp(r => $"/api/v1/lost-reasons/{r.Id}"))
            .WithSummary("Adds a lost reason.").Produces<LostReasonDto>(201).ProducesValidationProblem();
        admin.MapPut("/lost-reasons/{id:guid}", async (Guid id, LostReasonInput input, PipelineAdmin pipelines, AccessContext access, CancellationToken ct) =>
                (await pipelines.SaveReasonAsync(access, id, input, ct)).ToHttp())
            .WithSummary("Renames a lost reason or retires it ({active: false}); deals keep the reasons they were lost for.")
            .Produces<LostReasonDto>().ProducesValidationProblem().ProducesProblem(404);

        var deals = api.MapGroup("/deals").WithTags("Deals");
        deals.MapGet("/", async (AccessContext access, DealBoard board, CancellationToken ct, Guid? pipelineId, Guid? ownerId, Guid? teamId, string? outcome,
                    DateOnly? closeFrom, DateOnly? closeTo, string? search, string? cursor, int? limit) =>
            {
                if (outcome is not null && CrmEnumNames.Parse<DealOutcome>(outcome) is null)
                {
                    return CrmHttpResults.InvalidQuery("outcome", $"The outcome must be one of: {CrmEnumNames.Allowed<DealOutcome>()}.");
                }

                var filter = pipelineId is { } id ? new DealFilter(id, ownerId, closeFrom, closeTo, search, teamId) : null;
                return TypedResults.Ok(await board.ListAsync(access, filter, outcome, cursor, SearchPatterns.ClampLimit(limit), ct));
            })
            .RequireAuthorization(P.DealsRead)
            .WithSummary("Lists deals visible to the caller: ?pipelineId=&ownerId=&outcome=open|won|lost&closeFrom=&closeTo=&search=; keyset pages via ?cursor=&limit=.")
            .Produces<KeysetPage<DealDto>>();
        deals.MapGet("/board", async (Guid pipelineId, AccessContext access, DealBoard board, CancellationToken ct, Guid? ownerId, Guid? teamId, DateOnly? closeFrom, DateOnly? closeTo) =>
                TypedResults.Ok(await board.ColumnsAsync(access, new DealFilter(pipelineId, ownerId, closeFrom, closeTo, TeamId: teamId), ct)))
            .RequireAuthorization(P.DealsRead)
            .WithSummary("The board of a pipeline: per stage the open deals' count, total and weighted amount (per currency) and the first cards.");
        deals.MapGet("/forecast", async (Guid pipelineId, AccessContext access, DealReports reports, CancellationToken ct, DateOnly? from, int? months, Guid? teamId) =>
                months is < 1 or > 24
                    ? CrmHttpResults.InvalidQuery("months", "Forecast between 1 and 24 months.")
                    : TypedResults.Ok(await reports.ForecastAsync(access, pipelineId, from ?? reports.ThisMonth(), months ?? 6, teamId, ct)))
            .RequireAuthorization(P.DealsRead)
            .WithSummary("Forecast per month and owner from ?from= (a date in the first month) for ?months=, optionally for one ?teamId=: committed (won), weighted pipeline and best case, in the pipeline's currency.")
            .Produces<IReadOnlyList<ForecastRow>>();
        deals.MapGet("/stats", async (Guid pipelineId, AccessContext access, DealReports reports, TimeProvider time, CancellationToken ct, int? days) =>
                days is < 1 or > 3650
                    ? CrmHttpResults.InvalidQuery("days", "Look back between 1 and 3,650 days.")
                    : await reports.StatsAsync(access, pipelineId, time.GetUtcNow().AddDays(-(days ?? 90)), ct) is { } stats ? TypedResults.Ok(stats) : Results.NotFound())
            .RequireAuthorization(P.DealsRead)
            .WithSummary("Win rate, average won amount, sales cycle length, conversion between stages and activities per rep over the last ?days= (default 90).")
            .Produces<SalesStats>();
        deals.MapGet("/export", async (HttpContext http, Guid pipelineId, AccessContext access, DealExport export, CancellationToken ct,
                Guid? ownerId, Guid? teamId, string? outcome, DateOnly? closeFrom, DateOnly? closeTo, string? search) =>
            {
                if (outcome is not null && CrmEnumNames.Parse<DealOutcome>(outcome) is null)
                {
                    return CrmHttpResults.InvalidQuery("outcome", $"The outcome must be one of: {CrmEnumNames.Allowed<DealOutcome>()}.");
                }

                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"deals-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
                await export.WriteAsync(access.NarrowedTo(P.DealsExport, P.DealsRead), new DealFilter(pipelineId, ownerId, closeFrom, closeTo, search, teamId), outcome, http.Response.Body, ct);
                return Results.Empty;
            })
            .RequireAuthorization(P.DealsExport)
            .WithSummary("Streams the deals matching the list filters as CSV (within the export permission's scope).")
            .Produces(200, contentType: "text/csv");
        deals.MapPost("/bulk", async (Bulk.BulkRequest request, AccessContext access, DealBulkService bulk, CancellationToken ct) => (await bulk.ApplyAsync(access, request, ct)).ToHttp())
            .RequireAuthorization(P.DealsEdit)
            .WithSummary("Applies assignOwner or delete to up to 1,000 deals; deals outside the caller's scope are skipped and counted.")
            .Produces<Bulk.BulkResult>().ProducesValidationProblem();
        deals.MapGet("/{id:guid}", async (Guid id, AccessContext access, DealService service, CancellationToken ct) => (await service.GetAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(P.DealsRead).WithSummary("Gets one deal.").Produces<DealDto>().ProducesProblem(404);
        deals.MapGet("/{id:guid}/history", (Guid id, AccessContext access, DealService service, CancellationToken ct) => service.HistoryAsync(access, id, ct))
            .RequireAuthorization(P.DealsRead).WithSummary("Every move of the deal, with who, when and the time spent in the previous stage.");
        deals.MapPost("/", async (DealInput input, AccessContext access, DealService service, CancellationToken ct) =>
                (await service.CreateAsync(access, input, ct)).ToHttp(d => $"/api/v1/deals/{d.Id}"))
            .RequireAuthorization(P.DealsCreate).WithSummary("Creates a deal (in the pipeline's first stage unless stageId is given).")
            .Produces<DealDto>(201).ProducesValidationProblem();
        deals.MapPut("/{id:guid}", async (Guid id, DealInput input, AccessContext access, DealService service, CancellationToken ct) =>
                (await service.UpdateAsync(access, id, input, ct)).ToHttp())
            .RequireAuthorization(P.DealsEdit).WithSummary("Changes a deal's fields (not its stage: use move); send the version you read.")
            .Produces<DealDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        deals.MapPost("/{id:guid}/move", async (Guid id, DealMove move, AccessContext access, DealService service, CancellationToken ct) =>
                (await service.MoveAsync(access, id, move, ct)).ToHttp())
            .RequireAuthorization(P.DealsEdit)
            .WithSummary("Moves a deal: {stageId}, {outcome: won, amount} or {outcome: lost, lostReasonId}; lost without a reason or won without an amount answer 400.")
            .Produces<DealDto>().ProducesValidationProblem().ProducesProblem(404);
        deals.MapDelete("/{id:guid}", async (Guid id, AccessContext access, DealService service, CancellationToken ct) => (await service.DeleteAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(P.DealsDelete).WithSummary("Deletes a deal (an administrator can restore it).").ProducesProblem(404);
        return api;
    }
}
