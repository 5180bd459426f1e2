using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.CustomFields;
using CrmCdp.Web.Modules.Crm.Views;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Companies;

public partial class CompaniesPage
{
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

    protected override string ListName => "companies";

    protected override ListColumns Columns { get; } = new(
        ["Domain", "Industry", "Employees", "City", "Country", "Phone", "Contacts", "Owner", "Tags", "Created", "Updated"],
        ["Domain", "Industry", "Contacts", "Owner", "Updated"]);

    private bool IsFiltered => !string.IsNullOrWhiteSpace(_search) || !string.IsNullOrWhiteSpace(_industry) || !string.IsNullOrWhiteSpace(_tag)
        || !string.IsNullOrWhiteSpace(_domain) || _customField is not null || _ownerId is not null || _onlyMine;

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
        Counted(page.Count, "company", "companies");
        return new TableData<CompanyDto> { Items = page.Items, TotalItems = page.Count.Value };
    }

    protected override ListViewState CaptureFilters() => new()
    {
        Search = _search,
        Industry = _industry,
        Tag = _tag,
        OnlyMine = _onlyMine,
        OwnerId = _ownerId,
        CustomField = _customField,
    };

    protected override void RestoreFilters(ListViewState state)
    {
        (_search, _industry, _tag, _onlyMine, _ownerId, _customField) = (state.Search, state.Industry, state.Tag, state.OnlyMine, state.OwnerId, state.CustomField);
        MoreFiltersOpen |= _ownerId is not null || _customField is not null;
    }

    private async Task BulkAsync(BulkRequest request)
    {
        request.Ids = [.. Selected.Select(c => c.Id)];
        await AfterBulkAsync(await Bulk.ApplyAsync(await AccessAsync(), request), "companies");
    }

    private Task AssignOwnerAsync(Guid ownerId) => BulkAsync(new BulkRequest { Action = BulkActions.AssignOwner, OwnerId = ownerId });

    private Task AddTagAsync(string tag) => BulkAsync(new BulkRequest { Action = BulkActions.AddTag, Tag = tag });

    private Task BulkDeleteAsync() => BulkAsync(new BulkRequest { Action = BulkActions.Delete });

    private void OpenRow(TableRowClickEventArgs<CompanyDto> row)
    {
        if (row.Item is { } company)
        {
            Open($"/crm/companies/{company.Id}");
        }
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CompanyDialog>("New company", new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: CompanyDto created })
        {
            Open($"/crm/companies/{created.Id}");
        }
    }
}
