using System.Globalization;
using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Validation;
using CsvHelper;

namespace CrmCdp.Web.Modules.Admin.Audit;

internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit log");
        audit.MapGet("/", async (AuditQueries queries, AccessContext access, CancellationToken ct, Guid? userId, string? action, string? recordId,
                    DateTimeOffset? from, DateTimeOffset? to, long? cursor, int? limit) =>
            {
                if (limit is < 1 or > AuditQueries.MaxLimit)
                {
                    return QueryProblems.Invalid("limit", $"The limit must be between 1 and {AuditQueries.MaxLimit}.");
                }

                return TypedResults.Ok(await queries.ListAsync(access, new AuditFilter(userId, action, recordId, from, to), cursor, limit ?? 50, ct));
            })
            .RequireAuthorization(Permissions.Admin.AuditRead)
            .WithSummary("Audit entries, newest first: ?userId=&action= (exact, or a prefix ending in a dot such as crm.contact.)&recordId=&from=&to=&limit=; older pages via ?cursor=.")
            .Produces<AuditEntriesPage>();
        audit.MapGet("/export", async (HttpContext http, AuditQueries queries, AuditLog log, AccessContext access, CancellationToken ct,
                Guid? userId, string? action, string? recordId, DateTimeOffset? from, DateTimeOffset? to) =>
            {
                var filter = new AuditFilter(userId, action, recordId, from, to);
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
                var rows = await WriteCsvAsync(queries.StreamAsync(access, filter, ct), http.Response.Body);
                var entry = AuditActor.For(access, AuditActions.AuditExported);
                entry.Summary = $"Exported {rows:N0} audit entries";
                await log.WriteAsync(entry, CancellationToken.None);
            })
            .RequireAuthorization(Permissions.Admin.AuditExport)
            .WithSummary("Streams the matching audit entries as CSV (same filters as the list).")
            .Produces(200, contentType: "text/csv");
        return api;
    }

    private static async Task<int> WriteCsvAsync(IAsyncEnumerable<AuditEntryDto> entries, Stream output)
    {
        await using var writer = new StreamWriter(output, leaveOpen: true);
        var configuration = new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = CsvHelper.Configuration.InjectionOptions.Escape };
        await using var csv = new CsvWriter(writer, configuration, leaveOpen: true);
        csv.WriteHeader<AuditEntryDto>();
        await csv.NextRecordAsync();
        var rows = 0;
        await foreach (var entry in entries)
        {
            csv.WriteRecord(entry);
            await csv.NextRecordAsync();
            rows++;
        }

        return rows;
    }
}
