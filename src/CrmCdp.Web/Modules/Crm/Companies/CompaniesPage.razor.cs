using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.CustomFields;
using CrmCdp.Web.Modules.Crm.Views;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Companies;

public partial class CompaniesPage
{
    private const string ListName = "companies";
    private static readonly string[] OptionalColumns = ["Domain", "Industry", "Employees", "City", "Country", "Phone", "Contacts", "Owner", "Tags", "Created", "Updated"];
    private static readonly string[] DefaultColumns = ["Domain", "Industry", "Contacts", "Owner", "Updated"];

    private MudTable<CompanyDto>? _table;
    private HashSet<string> _columns = [.. DefaultColumns];
    private HashSet<CompanyDto> _selected = [];
    private IReadOnlyList<UserOption> _users = [];
    private IReadOnlyList<SavedViewDto> _views = [];
    private string? _currentView;
    private bool _chooseColumns;
    private bool _moreFilters;
    private string _countText = "…";
    private string? _bulkTag;

    private string? _search;
    private string? _industry;
    private string? _tag;
    private string? _domain;
    private string? _customField;
    private Guid? _ownerId;
    private bool _onlyMine;

    [Inject]
    private CompanyQueries Queries { get; set; } = default!;

    [Inject]
    private CompanyBulkService Bulk { get; set; } = default!;

    [Inject]
    private SavedViewService Views { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private bool IsFiltered => !string.IsNullOrWhiteSpace(_search) || !string.IsNullOrWhiteSpace(_industry) || !string.IsNullOrWhiteSpace(_tag)
        || !string.IsNullOrWhiteSpace(_domain) || _customField is not null || _ownerId is not null || _onlyMine;

    protected override async Task OnInitializedAsync()
    {
        var access = await AccessAsync();
        _users = await Users.AssignableAsync();
        _views = await Views.ListAsync(access, ListName);
    }

    private async Task<TableData<CompanyDto>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var access = await AccessAsync();
        var sort = state.SortLabel switch
        {
            "name" => CompanySort.Name,
            "created" => CompanySort.Created,
            _ => CompanySort.Updated,
        };
        var descending = state.SortDirection == SortDirection.Descending || (sort == CompanySort.Updated && state.SortDirection == SortDirection.None);
        var (fieldKey, fieldValue) = CustomFieldFilter.Parse(_customField);
        var filter = new CompanyFilter(_search, _onlyMine ? access.UserId : _ownerId, _industry, _tag, _domain, fieldKey, fieldValue);
        var page = await Queries.PageAsync(access, filter, sort, descending, state.Page, state.PageSize, cancellationToken);
        _countText = page.Count.IsLowerBound ? $"{page.Count} companies" : $"{page.Count.Value:N0} compan{(page.Count.Value == 1 ? "y" : "ies")}";
        return new TableData<CompanyDto> { Items = page.Items, TotalItems = page.Count.Value };
    }

    private Task SetFilter(Action change)
    {
        change();
        _currentView = null;
        return ReloadAsync();
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private bool Show(string column) => _columns.Contains(column);

    private void ToggleColumn(string column, bool on)
    {
        if (!on)
        {
            _columns.Remove(column);
        }
        else
        {
            _columns.Add(column);
        }
    }

    private async Task ApplyViewAsync(SavedViewDto view)
    {
        var state = view.State;
        (_search, _industry, _tag, _onlyMine, _ownerId, _customField) = (state.Search, state.Industry, state.Tag, state.OnlyMine, state.OwnerId, state.CustomField);
        _columns = state.Columns.Count > 0 ? [.. state.Columns] : [.. DefaultColumns];
        _moreFilters |= _ownerId is not null || _customField is not null;
        await ReloadAsync();
        _currentView = view.Name;
    }

    private async Task SaveViewAsync()
    {
        var dialog = await Dialogs.ShowAsync<SaveViewDialog>("Save view", new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: ValueTuple<string, bool> choice })
        {
            var access = await AccessAsync();
            var state = new ListViewState
            {
                Search = _search,
                Industry = _industry,
                Tag = _tag,
                OnlyMine = _onlyMine,
                OwnerId = _ownerId,
                CustomField = _customField,
                Columns = [.. OptionalColumns.Where(_columns.Contains)],
            };
            var saved = await Views.SaveAsync(access, ListName, choice.Item1, choice.Item2, state);
            if (saved.Value is { } view)
            {
                _currentView = view.Name;
                _views = await Views.ListAsync(access, ListName);
                Snackbar.Add($"View “{view.Name}” saved.", Severity.Success);
            }
        }
    }

    private async Task BulkAsync(BulkRequest request)
    {
        request.Ids = [.. _selected.Select(c => c.Id)];
        var (message, severity) = BulkFeedback.Of(await Bulk.ApplyAsync(await AccessAsync(), request), "companies");
        Snackbar.Add(message, severity);

        _selected = [];
        _bulkTag = null;
        await ReloadAsync();
    }

    private async Task BulkDeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete companies?",
            $"Delete {_selected.Count} selected companies? Their contacts stay. An administrator can restore them.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true)
        {
            await BulkAsync(new BulkRequest { Action = BulkActions.Delete });
        }
    }

    private void OpenRow(TableRowClickEventArgs<CompanyDto> row)
    {
        if (row.Item is { } company)
        {
            Navigation.NavigateTo($"/crm/companies/{company.Id}");
        }
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CompanyDialog>("New company", new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: CompanyDto created })
        {
            Navigation.NavigateTo($"/crm/companies/{created.Id}");
        }
    }
}
