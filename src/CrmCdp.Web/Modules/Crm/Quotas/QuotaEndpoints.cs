using CrmCdp.Web.Modules.Crm.Common;

namespace CrmCdp.Web.Modules.Crm.Quotas;

internal static class QuotaEndpoints
{
    public static RouteGroupBuilder MapQuotaEndpoints(this RouteGroupBuilder api)
    {
        var quotas = api.MapGroup("/quotas").WithTags("Quotas");
        quotas.MapGet("/", async (AccessContext access, QuotaService service, CancellationToken ct, Guid? pipelineId, string? from, int? months) =>
                Problem(pipelineId, from, service.ThisMonth(), out var month) ?? (months is < 1 or > 24
                    ? CrmHttpResults.InvalidQuery("months", "List between 1 and 24 months.")
                    : TypedResults.Ok(await service.ListAsync(access, pipelineId!.Value, month, months ?? 12, ct))))
            .RequireAuthorization(Permissions.Crm.DealsRead)
            .WithSummary("Quotas of a ?pipelineId= from the month ?from= (yyyy-MM, default this month) for ?months= (default 12), for the reps whose deals the caller sees.")
            .Produces<IReadOnlyList<QuotaDto>>();
        quotas.MapGet("/attainment", async (AccessContext access, QuotaService service, CancellationToken ct, Guid? pipelineId, string? month) =>
                Problem(pipelineId, month, service.ThisMonth(), out var first, "month") ?? TypedResults.Ok(await service.AttainmentAsync(access, pipelineId!.Value, first, ct)))
            .RequireAuthorization(Permissions.Crm.DealsRead)
            .WithSummary("Per rep in a ?month= (yyyy-MM, default this month) of a ?pipelineId=: the quota against won, weighted and best case, and the attainment in percent.")
            .Produces<IReadOnlyList<QuotaAttainment>>();
        quotas.MapPut("/", async (QuotaInput input, AccessContext access, QuotaService service, CancellationToken ct) => (await service.SetAsync(access, input, ct)).ToHttp())
            .RequireAuthorization(Permissions.Admin.QuotasManage)
            .WithSummary("Sets a rep's quota: {userId, pipelineId, month: yyyy-MM, amount}, replacing the one of that rep, pipeline and month.")
            .Produces<QuotaDto>().ProducesValidationProblem();
        quotas.MapDelete("/{id:guid}", async (Guid id, AccessContext access, QuotaService service, CancellationToken ct) => (await service.DeleteAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(Permissions.Admin.QuotasManage)
            .WithSummary("Removes a quota.").ProducesProblem(404);
        return api;
    }

    private static IResult? Problem(Guid? pipelineId, string? monthText, DateOnly thisMonth, out DateOnly month, string monthField = "from")
    {
        month = default;
        if (pipelineId is null)
        {
            return CrmHttpResults.InvalidQuery("pipelineId", "Give the pipeline as ?pipelineId=.");
        }

        if (monthText is null)
        {
            month = thisMonth;
            return null;
        }

        return QuotaService.TryParseMonth(monthText, out month) ? null : CrmHttpResults.InvalidQuery(monthField, "Give the month as yyyy-MM, e.g. 2026-12.");
    }
}
