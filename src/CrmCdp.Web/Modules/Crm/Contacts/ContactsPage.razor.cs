using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.CustomFields;
using CrmCdp.Web.Modules.Crm.ImportExport;
using CrmCdp.Web.Modules.Crm.Views;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Contacts;

public partial class ContactsPage
{
    private static readonly string[] OptionalColumns = ["Email", "Phone", "Job title", "Company", "Owner", "Stage", "Lead source", "Tags", "Created", "Updated"];
    private static readonly Dictionary<string, string> CsvHeaders = new()
    {
        ["Email"] = "email",
        ["Phone"] = "phones",
        ["Job title"] = "jobTitle",
        ["Company"] = "company",
        ["Owner"] = "owner",
        ["Stage"] = "lifecycleStage",
        ["Lead source"] = "leadSource",
        ["Tags"] = "tags",
        ["Created"] = "createdAt",
        ["Updated"] = "updatedAt",
    };

    private static readonly string[] IdentityColumns = ["id", "firstName", "lastName"];
    private static readonly string[] DefaultColumns = ["Email", "Phone", "Company", "Owner", "Stage", "Updated"];

    private HashSet<string> _columns = [.. DefaultColumns];
    private bool _chooseColumns;
    private bool _moreFilters;
    private bool _largeList;
    private IReadOnlyList<ExportDto> _exports = [];

    [Inject]
    private ContactExportJobs ExportJobs { get; set; } = default!;
    private Guid? _ownerId;
    private CompanyOption? _company;
    private string? _jobTitle;
    private string? _leadSource;
    private string? _emailConsent;
    private string? _customField;
    private DateTime? _createdAfter;
    private DateTime? _createdBefore;

    [Inject]
    private CompanyQueries Companies { get; set; } = default!;
    private IReadOnlyList<SavedViewDto> _views = [];
    private string? _currentView;

    [Inject]
    private SavedViewService Views { get; set; } = default!;

    private MudTable<ContactDto>? _table;
    private string? _search;
    private string? _stage;
    private string? _tag;
    private bool _onlyMine;
    private string _countText = "…";
    private HashSet<ContactDto> _selected = [];
    private IReadOnlyList<UserOption> _users = [];
    private string? _bulkTag;
    private Guid? _myUserId;

    [Inject]
    private ContactBulkService Bulk { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ContactQueries Queries { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The export of exactly this view: its search and filters.</summary>
    private string ExportUrl => QueryHelpers(new Dictionary<string, string?>
    {
        ["search"] = _search,
        ["lifecycleStage"] = _stage,
        ["tag"] = _tag,
        ["ownerId"] = (_onlyMine ? _myUserId : _ownerId)?.ToString(),
        ["companyId"] = _company?.Id.ToString(),
        ["jobTitle"] = _jobTitle,
        ["leadSource"] = _leadSource,
        ["emailConsent"] = _emailConsent is null ? null : (_emailConsent == "yes").ToString(),
        ["createdAfter"] = _createdAfter?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["createdBefore"] = _createdBefore?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["customField"] = _customField,
        ["columns"] = ExportColumns,
    });

    /// <summary>The CSV columns of the columns shown, in the same order.</summary>
    private string ExportColumns => string.Join(",", IdentityColumns.Concat(OptionalColumns.Where(_columns.Contains).Select(column => CsvHeaders[column])));

    private bool IsFiltered => !string.IsNullOrWhiteSpace(_search) || _stage is not null || !string.IsNullOrWhiteSpace(_tag) || _onlyMine
        || _ownerId is not null || _company is not null || _jobTitle is not null || _leadSource is not null || _emailConsent is not null
        || _createdAfter is not null || _createdBefore is not null || _customField is not null;

    private async Task<TableData<ContactDto>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var access = await AccessAsync();
        var filter = CurrentFilter(access.UserId);
        var sort = state.SortLabel switch
        {
            "name" => ContactSort.Name,
            "stage" => ContactSort.LifecycleStage,
            _ => ContactSort.Updated,
        };
        var descending = state.SortDirection != SortDirection.Ascending && (state.SortDirection == SortDirection.Descending || sort == ContactSort.Updated);
        var page = await Queries.PageAsync(access, filter, sort, descending, state.Page, state.PageSize, cancellationToken);
        // Lists too large to count are exported by a background job instead of a direct download.
        _largeList = page.Count.IsLowerBound;
        _countText = page.Count.IsLowerBound ? $"{page.Count} contacts" : $"{page.Count.Value:N0} contact{(page.Count.Value == 1 ? "" : "s")}";
        return new TableData<ContactDto> { Items = page.Items, TotalItems = page.Count.Value };
    }

    private static string QueryHelpers(Dictionary<string, string?> query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            "/api/v1/contacts/export", query.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(p => p.Key, p => p.Value));

    protected override async Task OnInitializedAsync()
    {
        _users = await Users.AssignableAsync();
        _myUserId = (await AccessAsync()).UserId;
        _views = await Views.ListAsync(await AccessAsync(), "contacts");
    }

    private ContactFilter CurrentFilter(Guid? me) => new(
        _search, _onlyMine ? me : _ownerId, _company?.Id, CrmEnumNames.Parse<LifecycleStage>(_stage), _tag,
        CustomFieldKey: CustomFieldFilter.Parse(_customField).Key, CustomFieldValue: CustomFieldFilter.Parse(_customField).Value, LeadSource: _leadSource, JobTitle: _jobTitle, EmailConsent: _emailConsent is null ? null : _emailConsent == "yes",
        CreatedAfter: _createdAfter is { } after ? new DateTimeOffset(after.Date) : null,
        CreatedBefore: _createdBefore is { } before ? new DateTimeOffset(before.Date) : null);

    private Task SetFilter(Action change)
    {
        change();
        return ReloadAsync();
    }

    private async Task<IEnumerable<CompanyOption>> SearchCompaniesAsync(string? text, CancellationToken cancellationToken) =>
        await Companies.SuggestAsync(await AccessAsync(), text, cancellationToken);

    private bool Show(string column) => _columns.Contains(column);

    private async Task LoadExportsAsync() => _exports = await ExportJobs.RecentAsync(await AccessAsync());

    private async Task StartBackgroundExportAsync()
    {
        var access = await AccessAsync();
        var started = await ExportJobs.StartAsync(access, CurrentFilter(access.UserId), ExportColumns);
        Snackbar.Add(started is null ? "You cannot export contacts." : "Export started: find the file under recent exports when it is ready.",
            started is null ? Severity.Error : Severity.Info);
    }

    private void ToggleColumn(string column, bool on)
    {
        if (on)
        {
            _columns.Add(column);
        }
        else
        {
            _columns.Remove(column);
        }
    }

    private ListViewState CurrentState() => new()
    {
        Search = _search,
        LifecycleStage = _stage,
        Tag = _tag,
        OnlyMine = _onlyMine,
        OwnerId = _ownerId,
        CustomField = _customField,
        Columns = [.. OptionalColumns.Where(_columns.Contains)],
    };

    private async Task ApplyViewAsync(SavedViewDto view)
    {
        (_search, _stage, _tag, _onlyMine) = (view.State.Search, view.State.LifecycleStage, view.State.Tag, view.State.OnlyMine);
        (_ownerId, _customField) = (view.State.OwnerId, view.State.CustomField);
        _moreFilters |= _ownerId is not null || _customField is not null;
        _columns = view.State.Columns.Count > 0 ? [.. view.State.Columns] : [.. DefaultColumns];
        _currentView = view.Name;
        await ReloadAsync();
    }

    private async Task SaveViewAsync()
    {
        var dialog = await Dialogs.ShowAsync<SaveViewDialog>("Save view", new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: ValueTuple<string, bool> choice })
        {
            var access = await AccessAsync();
            var saved = await Views.SaveAsync(access, "contacts", choice.Item1, choice.Item2, CurrentState());
            if (saved.Value is { } view)
            {
                _currentView = view.Name;
                _views = await Views.ListAsync(access, "contacts");
                Snackbar.Add($"View “{view.Name}” saved.", Severity.Success);
            }
        }
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private async Task BulkAsync(BulkContactRequest request)
    {
        request.Ids = [.. _selected.Select(c => c.Id)];
        var (message, severity) = BulkFeedback.Of(await Bulk.ApplyAsync(await AccessAsync(), request), "contacts");
        Snackbar.Add(message, severity);

        _selected = [];
        _bulkTag = null;
        await ReloadAsync();
    }

    private Task AssignOwnerAsync(Guid ownerId) => BulkAsync(new BulkContactRequest { Action = "assignOwner", OwnerId = ownerId });

    private Task SetStageAsync(LifecycleStage stage) => BulkAsync(new BulkContactRequest { Action = "setStage", LifecycleStage = CrmEnumNames.Wire(stage) });

    private Task AddTagAsync() => BulkAsync(new BulkContactRequest { Action = "addTag", Tag = _bulkTag });

    private async Task BulkDeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete contacts?",
            $"Delete {_selected.Count} selected contacts? An administrator can restore them.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true)
        {
            await BulkAsync(new BulkContactRequest { Action = "delete" });
        }
    }

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
