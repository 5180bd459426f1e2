using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <summary>Creates a deal in a pipeline, or edits one (detecting concurrent edits); stages change on the board or the stage path.</summary>
public partial class DealDialog
{
    private DealInput _input = new();
    private PipelineDto? _pipeline;
    private DateTime? _close;
    private CompanyOption? _company;
    private List<ContactOption> _contacts = [];
    private IReadOnlyList<Guid> _hiddenContactIds = [];
    private IReadOnlyList<UserOption> _users = [];

    [Parameter]
    public Guid PipelineId { get; set; }

    /// <summary>The deal to edit; null to create one in <see cref="PipelineId"/>.</summary>
    [Parameter]
    public DealDto? Deal { get; set; }

    /// <summary>The deal's contacts as they are shown, when editing.</summary>
    [Parameter]
    public IReadOnlyList<ContactOption> Contacts { get; set; } = [];

    [Inject]
    private DealService Deals { get; set; } = default!;

    [Inject]
    private PipelineService Pipelines { get; set; } = default!;

    [Inject]
    private CompanyQueries Companies { get; set; } = default!;

    [Inject]
    private ContactQueries ContactSearch { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _users = await Users.AssignableAsync();
        if (Deal is { } deal)
        {
            _input = new DealInput
            {
                Name = deal.Name,
                Amount = deal.Amount,
                Currency = deal.Currency,
                PipelineId = deal.PipelineId,
                OwnerId = deal.OwnerId,
                NextStep = deal.NextStep,
                Source = deal.Source,
                Version = deal.Version,
            };
            _close = deal.ExpectedCloseDate?.ToDateTime(TimeOnly.MinValue);
            _company = deal.CompanyId is { } companyId ? new CompanyOption(companyId, deal.CompanyName ?? "") : null;
            _contacts = [.. Contacts];
            _hiddenContactIds = [.. deal.ContactIds.Except(Contacts.Select(c => c.Id))];
            return;
        }

        _pipeline = await Pipelines.FindAsync(await AccessAsync(), PipelineId);
        _input.PipelineId = PipelineId;
        _input.Currency = _pipeline?.Currency;
        _input.StageId = _pipeline is { Stages.Count: > 0 } pipeline ? pipeline.Stages[0].Id : null;
    }

    private async Task<IEnumerable<CompanyOption>> SearchCompaniesAsync(string? text, CancellationToken cancellationToken) =>
        await Companies.SuggestAsync(await AccessAsync(), text, cancellationToken);

    private async Task<IEnumerable<ContactOption>> SearchContactsAsync(string? text, CancellationToken cancellationToken) =>
        (await ContactSearch.SuggestAsync(await AccessAsync(), text, cancellationToken)).Where(c => _contacts.All(chosen => chosen.Id != c.Id));

    private void AddContact(ContactOption? contact)
    {
        if (contact is not null && _contacts.All(c => c.Id != contact.Id))
        {
            _contacts.Add(contact);
        }
    }

    private void RemoveContact(string? id) => _contacts.RemoveAll(c => c.Id.ToString() == id);

    private Task SaveAsync() => SubmitAsync<DealDto>(async access =>
    {
        _input.ExpectedCloseDate = _close is { } close ? DateOnly.FromDateTime(close) : null;
        _input.CompanyId = _company?.Id;
        // Contacts beyond the editor's reach stay on the deal.
        _input.ContactIds = [.. _contacts.Select(c => c.Id), .. _hiddenContactIds];
        return Deal is { } deal ? await Deals.UpdateAsync(access, deal.Id, _input) : await Deals.CreateAsync(access, _input);
    });
}
