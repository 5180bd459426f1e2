using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.Tickets;

/// <summary>Opens a ticket for a requester (a contact, or an email that becomes one), assigned to the one opening it unless they choose otherwise.</summary>
public partial class NewTicketDialog
{
    private readonly TicketInput _input = new() { Priority = "normal", Channel = "web" };
    private ContactOption? _requester;
    private CompanyOption? _company;
    private IReadOnlyList<UserOption> _users = [];

    /// <summary>The requester to start with, when the ticket is opened from a contact's page.</summary>
    [Parameter]
    public ContactOption? Requester { get; set; }

    [Inject]
    private TicketService Tickets { get; set; } = default!;

    [Inject]
    private ContactQueries Contacts { get; set; } = default!;

    [Inject]
    private CompanyQueries Companies { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _users = await Users.AssignableAsync();
        _input.AssigneeId = (await AccessAsync()).UserId;
        _requester = Requester;
    }

    private async Task<IEnumerable<ContactOption>> SearchContactsAsync(string? text, CancellationToken cancellationToken) =>
        await Contacts.SuggestAsync(await AccessAsync(), text, cancellationToken);

    private async Task<IEnumerable<CompanyOption>> SearchCompaniesAsync(string? text, CancellationToken cancellationToken) =>
        await Companies.SuggestAsync(await AccessAsync(), text, cancellationToken);

    private Task RequesterChangedAsync(ContactOption? requester)
    {
        _requester = requester;
        _input.RequesterEmail = null;
        return RecheckAsync(_input, nameof(TicketInput.ContactId));
    }

    private Task SaveAsync() => SubmitAsync<TicketDto>(async access =>
    {
        _input.ContactId = _requester?.Id;
        _input.CompanyId = _company?.Id;
        return await Tickets.CreateAsync(access, _input);
    });
}
