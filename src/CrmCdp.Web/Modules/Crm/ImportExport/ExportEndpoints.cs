using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Contacts;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.ImportExport;

internal static class ExportEndpoints
{
    public static RouteGroupBuilder MapExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/contacts/export", async (HttpContext http, AccessContext access, ContactExportService exporter, CancellationToken ct,
                string? search, Guid? ownerId, Guid? companyId, string? lifecycleStage, string? tag, string? jobTitle, string? leadSource,
                bool? emailConsent, DateTimeOffset? createdAfter, DateTimeOffset? createdBefore, string? customField, string? columns) =>
            {
                var (fieldKey, fieldValue) = CustomFields.CustomFieldFilter.Parse(customField);
                if (customField is not null && fieldKey is null)
                {
                    return CrmHttpResults.InvalidQuery("customField", "Write the custom field filter as key:value, e.g. customField=plan:gold.");
                }

                LifecycleStage? stage = null;
                if (!string.IsNullOrWhiteSpace(lifecycleStage) && (stage = CrmEnumNames.Parse<LifecycleStage>(lifecycleStage)) is null)
                {
                    return CrmHttpResults.InvalidQuery("lifecycleStage", $"The lifecycle stage must be one of: {CrmEnumNames.Allowed<LifecycleStage>()}.");
                }

                // Export reaches what the export permission's scope reaches, which may be narrower than read.
                var exportAccess = access.NarrowedTo(P.ContactsExport, P.ContactsRead);
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"contacts-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
                await exporter.WriteAsync(exportAccess, new ContactFilter(search, ownerId, companyId, stage, tag,
                    CustomFieldKey: fieldKey, CustomFieldValue: fieldValue, LeadSource: leadSource, JobTitle: jobTitle, EmailConsent: emailConsent, CreatedAfter: createdAfter, CreatedBefore: createdBefore), columns, http.Response.Body, ct);
                return Results.Empty;
            })
            .RequireAuthorization(P.ContactsExport)
            .WithTags("Contacts")
            .WithSummary("Streams the contacts matching the list filters (as for GET /api/v1/contacts) as CSV (?columns=firstName,lastName,email,... picks and orders columns).")
            .Produces(200, contentType: "text/csv");

        var exports = api.MapGroup("/contacts/exports").WithTags("Contacts").RequireAuthorization(P.ContactsExport);
        exports.MapPost("/", async (ExportRequest request, AccessContext access, ContactExportJobs jobs, CancellationToken ct) =>
            {
                LifecycleStage? stage = null;
                if (!string.IsNullOrWhiteSpace(request.LifecycleStage) && (stage = CrmEnumNames.Parse<LifecycleStage>(request.LifecycleStage)) is null)
                {
                    return CrmHttpResults.InvalidQuery("lifecycleStage", $"The lifecycle stage must be one of: {CrmEnumNames.Allowed<LifecycleStage>()}.");
                }

                var (fieldKey, fieldValue) = CustomFields.CustomFieldFilter.Parse(request.CustomField);
                if (request.CustomField is not null && fieldKey is null)
                {
                    return CrmHttpResults.InvalidQuery("customField", "Write the custom field filter as key:value, e.g. plan:gold.");
                }

                var filter = new ContactFilter(request.Search, request.OwnerId, request.CompanyId, stage, request.Tag,
                    CustomFieldKey: fieldKey, CustomFieldValue: fieldValue, LeadSource: request.LeadSource, JobTitle: request.JobTitle, EmailConsent: request.EmailConsent,
                    CreatedAfter: request.CreatedAfter, CreatedBefore: request.CreatedBefore);
                var export = await jobs.StartAsync(access, filter, request.Columns, ct);
                return export is null
                    ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                        title: "Background exports are started by signed-in users; API keys stream their export from GET /api/v1/contacts/export.")
                    : TypedResults.Accepted($"/api/v1/contacts/exports/{export.Id}", export);
            })
            .WithSummary("Starts a background export of the filtered contacts (for large lists); poll its status, then download it.");
        exports.MapGet("/{id:guid}", async (Guid id, AccessContext access, ContactExportJobs jobs, CancellationToken ct) =>
                await jobs.GetAsync(access, id, ct) is { } export ? Results.Ok(export) : Results.NotFound())
            .WithSummary("The status of one of your exports (queued, running, completed, failed) and its row count.");
        exports.MapGet("/{id:guid}/download", async (Guid id, HttpContext http, AccessContext access, ContactExportJobs jobs, CancellationToken ct) =>
            {
                var export = await jobs.GetAsync(access, id, ct);
                if (export is not { Status: ExportStatus.Completed })
                {
                    return Results.NotFound();
                }

                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"contacts-{export.CreatedAt:yyyyMMdd-HHmm}.csv\"";
                await jobs.DownloadAsync(access, id, http.Response.Body, ct);
                return Results.Empty;
            })
            .WithSummary("Downloads a finished export as CSV.");
        return api;
    }
}

public sealed class ExportRequest
{
    public string? Search { get; set; }

    public Guid? OwnerId { get; set; }

    public Guid? CompanyId { get; set; }

    public string? LifecycleStage { get; set; }

    public string? Tag { get; set; }

    public string? JobTitle { get; set; }

    public string? LeadSource { get; set; }

    public bool? EmailConsent { get; set; }

    public DateTimeOffset? CreatedAfter { get; set; }

    public DateTimeOffset? CreatedBefore { get; set; }

    /// <summary>A custom field filter as key:value.</summary>
    public string? CustomField { get; set; }

    public string? Columns { get; set; }
}
