using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.Common;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <summary>The deals list's bulk actions: assign owner, delete.</summary>
internal sealed class DealBulkService(BulkRecordEditor editor)
{
    private static readonly BulkTarget<Deal> Target = BulkTarget<Deal>.Plain(CrmRecordType.Deal, "deals", P.DealsEdit, P.DealsDelete) with { AssignedTitle = d => d.Name };

    public Task<OperationResult<BulkResult>> ApplyAsync(AccessContext access, BulkRequest request, CancellationToken cancellationToken = default) =>
        editor.ApplyAsync(access, request, Target, cancellationToken);
}
