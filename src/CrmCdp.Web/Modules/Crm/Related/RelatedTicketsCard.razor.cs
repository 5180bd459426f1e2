using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Tickets;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Related;

/// <summary>On a contact's or company's page: the tickets they raised, newest first; a contact's page can open one for them.</summary>
public partial class RelatedTicketsCard
{
    private const int Limit = 30;
    private IReadOnlyList<TicketDto>? _tickets;

    /// <summary>The contact whose records show; or null, with <see cref="CompanyId"/> set.</summary>
    [Parameter]
    public Guid? ContactId { get; set; }

    [Parameter]
    public Guid? CompanyId { get; set; }

    /// <summary>The contact a new ticket is for; null on a company's page.</summary>
    [Parameter]
    public ContactOption? Requester { get; set; }

    [Inject]
    private TicketQueue Queue { get; set; } = default!;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var access = await AccessAsync();
        var query = new TicketQueueQuery(Sort: "newest", ContactId: ContactId, CompanyId: ContactId is null ? CompanyId : null);
        _tickets = access.Has(Permissions.Crm.TicketsRead) ? await Queue.ListAsync(access, query, Limit) : [];
    }

    private async Task OpenTicketAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewTicketDialog>("New ticket", new DialogParameters<NewTicketDialog> { { d => d.Requester, Requester } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }
}
