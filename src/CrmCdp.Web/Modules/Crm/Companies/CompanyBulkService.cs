using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.Common;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Companies;

/// <summary>The companies list's bulk actions: assign owner, add tag, delete.</summary>
internal sealed class CompanyBulkService(BulkRecordEditor editor)
{
    private static readonly BulkTarget<Company> Target =
        BulkTarget<Company>.Plain(CrmRecordType.Company, "companies", P.CompaniesEdit, P.CompaniesDelete);

    public Task<OperationResult<BulkResult>> ApplyAsync(AccessContext access, BulkRequest request, CancellationToken cancellationToken = default) =>
        editor.ApplyAsync(access, request, Target, cancellationToken);
}
