using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Companies;

/// <summary>The company a typed name means (an import's column, a form's field): a visible one by exact name, or a new one.</summary>
internal sealed class CompanyByName(CompanyQueries queries, CompanyService companies)
{
    /// <summary>Finds a visible company by exact name, or creates it when the caller may; null when neither.</summary>
    public async Task<Guid?> FindOrCreateAsync(AccessContext access, string name, CancellationToken cancellationToken = default)
    {
        var match = await queries.FindByNameAsync(access, name, cancellationToken);
        return match?.Id ?? (access.Has(P.CompaniesCreate)
            ? (await companies.CreateAsync(access, new CompanyInput { Name = name }, cancellationToken)).Value?.Id
            : null);
    }
}
