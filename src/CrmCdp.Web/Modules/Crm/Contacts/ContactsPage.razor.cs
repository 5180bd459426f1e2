using CrmCdp.Web.Modules.Crm.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Contacts;

public partial class ContactsPage
{
    private MudTable<ContactDto>? _table;
    private string? _search;
    private string? _stage;
    private string? _tag;
    private bool _onlyMine;
    private string _countText = "…";

    [Inject]
    private ContactQueries Queries { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private bool IsFiltered => !string.IsNullOrWhiteSpace(_search) || _stage is not null || !string.IsNullOrWhiteSpace(_tag) || _onlyMine;

    private async Task<TableData<ContactDto>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var access = await AccessAsync();
        var filter = new ContactFilter(_search, _onlyMine ? access.UserId : null, null, CrmEnumNames.Parse<LifecycleStage>(_stage), _tag);
        var sort = state.SortLabel switch
        {
            "name" => ContactSort.Name,
            "stage" => ContactSort.LifecycleStage,
            _ => ContactSort.Updated,
        };
        var descending = state.SortDirection != SortDirection.Ascending && (state.SortDirection == SortDirection.Descending || sort == ContactSort.Updated);
        var page = await Queries.PageAsync(access, filter, sort, descending, state.Page, state.PageSize, cancellationToken);
        _countText = page.Count.IsLowerBound ? $"{page.Count} contacts" : $"{page.Count.Value:N0} contact{(page.Count.Value == 1 ? "" : "s")}";
        return new TableData<ContactDto> { Items = page.Items, TotalItems = page.Count.Value };
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private Task OnSearchChanged(string? value)
    {
        _search = value;
        return ReloadAsync();
    }

    private Task OnStageChanged(string? value)
    {
        _stage = value;
        return ReloadAsync();
    }

    private Task OnTagChanged(string? value)
    {
        _tag = value;
        return ReloadAsync();
    }

    private Task OnOnlyMineChanged(bool value)
    {
        _onlyMine = value;
        return ReloadAsync();
    }

    private void OpenRow(TableRowClickEventArgs<ContactDto> row)
    {
        if (row.Item is { } contact)
        {
            Navigation.NavigateTo($"/crm/contacts/{contact.Id}");
        }
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<ContactDialog>("New contact", new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: ContactDto created })
        {
            Navigation.NavigateTo($"/crm/contacts/{created.Id}");
        }
    }
}
