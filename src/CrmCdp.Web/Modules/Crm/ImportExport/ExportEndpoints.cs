using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Platform.Auth;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.ImportExport;

internal static class ExportEndpoints
{
    public static RouteGroupBuilder MapExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/contacts/export", async (HttpContext http, AccessContext access, ContactExportService exporter, CancellationToken ct,
                string? search, Guid? ownerId, Guid? companyId, string? lifecycleStage, string? tag, string? jobTitle, string? leadSource,
                bool? emailConsent, DateTimeOffset? createdAfter, DateTimeOffset? createdBefore, string? columns) =>
            {
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
                    LeadSource: leadSource, JobTitle: jobTitle, EmailConsent: emailConsent, CreatedAfter: createdAfter, CreatedBefore: createdBefore), columns, http.Response.Body, ct);
                return Results.Empty;
            })
            .RequireAuthorization(P.ContactsExport)
            .WithTags("Contacts")
            .WithSummary("Streams the contacts matching the list filters as CSV (?columns=firstName,lastName,email,... picks and orders columns).")
            .Produces(200, contentType: "text/csv");
        return api;
    }
}
