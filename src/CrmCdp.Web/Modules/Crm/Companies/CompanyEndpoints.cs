using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.CustomFields;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Companies;

internal static class CompanyEndpoints
{
    public static RouteGroupBuilder MapCompanyEndpoints(this RouteGroupBuilder api)
    {
        var companies = api.MapGroup("/companies").WithTags("Companies");
        companies.MapGet("/", async (AccessContext access, CompanyQueries queries, CancellationToken ct,
                    string? search, Guid? ownerId, string? industry, string? tag, string? domain, string? customField, string? cursor, int? limit) =>
            {
                var (key, value) = CustomFieldFilter.Parse(customField);
                if (customField is not null && key is null)
                {
                    return CrmHttpResults.InvalidQuery("customField", "Write the custom field filter as key:value, e.g. customField=tier:gold.");
                }

                return TypedResults.Ok(await queries.ListAsync(access, new CompanyFilter(search, ownerId, industry, tag, domain, key, value), cursor, SearchPatterns.ClampLimit(limit), ct));
            })
            .RequireAuthorization(P.CompaniesRead)
            .WithSummary("Lists companies visible to the caller: ?search= (name, domain), ownerId, industry, tag, domain, customField=key:value; keyset pages via ?cursor=&limit=.");
        companies.MapPost("/bulk", async (Bulk.BulkRequest request, AccessContext access, CompanyBulkService bulk, CancellationToken ct) =>
                (await bulk.ApplyAsync(access, request, ct)).ToHttp())
            .RequireAuthorization(P.CompaniesEdit)
            .WithSummary("Applies assignOwner, addTag or delete to up to 1,000 companies; companies outside the caller's scope are skipped and counted.")
            .Produces<Bulk.BulkResult>().ProducesValidationProblem();
        companies.MapGet("/{id:guid}", async (Guid id, AccessContext access, CompanyService service, CancellationToken ct) =>
                (await service.GetAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(P.CompaniesRead).WithSummary("Gets one company.").Produces<CompanyDto>().ProducesProblem(404);
        companies.MapPost("/", async (CompanyInput input, AccessContext access, CompanyService service, CancellationToken ct) =>
                (await service.CreateAsync(access, input, ct)).ToHttp(c => $"/api/v1/companies/{c.Id}"))
            .RequireAuthorization(P.CompaniesCreate).WithSummary("Creates a company.").Produces<CompanyDto>(201).ProducesValidationProblem();
        companies.MapPut("/{id:guid}", async (Guid id, CompanyInput input, AccessContext access, CompanyService service, CancellationToken ct) =>
                (await service.UpdateAsync(access, id, input, ct)).ToHttp())
            .RequireAuthorization(P.CompaniesEdit)
            .WithSummary("Replaces a company's fields; send the version you read (409 when someone changed it meanwhile).")
            .Produces<CompanyDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        companies.MapDelete("/{id:guid}", async (Guid id, AccessContext access, CompanyService service, CancellationToken ct) =>
                (await service.DeleteAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(P.CompaniesDelete).WithSummary("Deletes a company (an administrator can restore it).").ProducesProblem(404);
        companies.MapPost("/{id:guid}/restore", async (Guid id, AccessContext access, CompanyService service, CancellationToken ct) =>
                (await service.RestoreAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(P.RecordsRestore).WithSummary("Restores a deleted company.").Produces<CompanyDto>().ProducesProblem(404);
        return api;
    }
}
