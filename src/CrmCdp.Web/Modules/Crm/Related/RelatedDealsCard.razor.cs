using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Pipeline;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.Related;

/// <summary>On a contact's or company's page: the deals they take part in.</summary>
public partial class RelatedDealsCard
{
    private IReadOnlyList<DealDto>? _deals;

    /// <summary>The contact whose records show; or null, with <see cref="CompanyId"/> set.</summary>
    [Parameter]
    public Guid? ContactId { get; set; }

    [Parameter]
    public Guid? CompanyId { get; set; }

    [Inject]
    private DealsOfRecord Deals { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var access = await AccessAsync();
        _deals = access.Has(Permissions.Crm.DealsRead) ? await Deals.ListAsync(access, ContactId is null ? CrmRecordType.Company : CrmRecordType.Contact, ContactId ?? CompanyId ?? Guid.Empty) : [];
    }
}
