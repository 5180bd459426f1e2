using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Duplicates;

internal static class DuplicateEndpoints
{
    public static RouteGroupBuilder MapDuplicateEndpoints(this RouteGroupBuilder api)
    {
        var contacts = api.MapGroup("/contacts").WithTags("Contacts");
        contacts.MapGet("/duplicates", async (AccessContext access, DuplicateFinder finder, CancellationToken ct, int? limit) =>
                TypedResults.Ok(await finder.FindAsync(access, SearchPatterns.ClampLimit(limit), ct)))
            .RequireAuthorization(P.ContactsRead)
            .WithSummary("Pairs of visible contacts that are probably the same person (shared email or phone, or a very similar name at the same company).");
        contacts.MapPost("/merge", async (MergeRequest request, AccessContext access, ContactMergeService merger, CancellationToken ct) =>
                (await merger.MergeAsync(access, request, ct)).ToHttp())
            .RequireAuthorization(P.ContactsEdit)
            .WithSummary("Merges mergedId into survivorId in one transaction: activities, tasks, history, emails, phones and tags move to the survivor.");
        var companies = api.MapGroup("/companies").WithTags("Companies");
        companies.MapGet("/duplicates", async (AccessContext access, CompanyMergeService merger, CancellationToken ct, int? limit) =>
                TypedResults.Ok(await merger.FindAsync(access, SearchPatterns.ClampLimit(limit), ct)))
            .RequireAuthorization(P.CompaniesRead)
            .WithSummary("Pairs of visible companies that are probably the same (same domain, or a very similar name).");
        companies.MapPost("/merge", async (MergeRequest request, AccessContext access, CompanyMergeService merger, CancellationToken ct) =>
                (await merger.MergeAsync(access, request, ct)).ToHttp())
            .RequireAuthorization(P.CompaniesEdit)
            .WithSummary("Merges mergedId into survivorId in one transaction: people, activities, tasks and history move to the survivor.");
        return api;
    }
}
