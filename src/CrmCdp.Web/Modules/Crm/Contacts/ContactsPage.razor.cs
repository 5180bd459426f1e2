using System.Globalization;
using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.CustomFields;
using CrmCdp.Web.Modules.Crm.ImportExport;
using CrmCdp.Web.Modules.Crm.Views;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
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

    private bool _largeList;
    private IReadOnlyList<ExportDto> _exports = [];
    private Guid? _myUserId;

    private string? _search;
    private string? _stage;
    private string? _tag;
    private bool _onlyMine;
    private Guid? _ownerId;
    private CompanyOption? _company;
    private string? _jobTitle;
    private string? _leadSource;
    private string? _emailConsent;
    private string? _customField;
    private DateTime? _createdAfter;
    private DateTime? _createdBefore;

    [Inject]
    private ContactQueries Queries { get; set; } = default!;

    [Inject]
    private ContactBulkService Bulk { get; set; } = default!;

    [Inject]
    private ContactExportJobs ExportJobs { get; set; } = default!;

    [Inject]
    private CompanyQueries Companies { get; set; } = default!;

    protected override string ListName => "contacts";

    protected override ListColumns Columns { get; } = new(OptionalColumns, ["Email", "Phone", "Company", "Owner", "Stage", "Updated"]);

    /// <summary>The export of exactly this view: its search and filters.</summary>
    private string ExportUrl => QueryHelpers.AddQueryString("/api/v1/contacts/export", new Dictionary<string, string?>
    {
        ["search"] = _search,
        ["lifecycleStage"] = _stage,
        ["tag"] = _tag,
        ["ownerId"] = (_onlyMine ? _myUserId : _ownerId)?.ToString(),
        ["companyId"] = _company?.Id.ToString(),
        ["jobTitle"] = _jobTitle,
        ["leadSource"] = _leadSource,
        ["emailConsent"] = _emailConsent is null ? null : (_emailConsent == "yes").ToString(),
        ["createdAfter"] = _createdAfter?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["createdBefore"] = _createdBefore?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["customField"] = _customField,
        ["columns"] = ExportColumns,
    }.Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    /// <summary>The CSV columns of the columns shown, in the same order.</summary>
    private string ExportColumns => string.Join(",", IdentityColumns.Concat(Columns.Chosen.Select(column => CsvHeaders[column])));

    private bool IsFiltered => !string.IsNullOrWhiteSpace(_search) || _stage is not null || !string.IsNullOrWhiteSpace(_tag) || _onlyMine
        || _ownerId is not null || _company is not null || _jobTitle is not null || _leadSource is not null || _emailConsent is not null
        || _createdAfter is not null || _createdBefore is not null || _customField is not null;

    private protected override Task OnListInitializedAsync(AccessContext access)
    {
        _myUserId = access.UserId;
        return Task.CompletedTask;
    }

    private async Task<TableData<ContactDto>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var access = await AccessAsync();
        var sort = state.SortLabel switch
        {
            "name" => ContactSort.Name,
            "stage" => ContactSort.LifecycleStage,
            _ => ContactSort.Updated,
        };
        var descending = state.SortDirection != SortDirection.Ascending && (state.SortDirection == SortDirection.Descending || sort == ContactSort.Updated);
        var page = await Queries.PageAsync(access, CurrentFilter(access.UserId), sort, descending, state.Page, state.PageSize, cancellationToken);
        // Lists too large to count are exported by a background job instead of a direct download.
        _largeList = page.Count.IsLowerBound;
        Counted(page.Count, "contact", "contacts");
        return new TableData<ContactDto> { Items = page.Items, TotalItems = page.Count.Value };
    }

    private ContactFilter CurrentFilter(Guid? me)
    {
        var (fieldKey, fieldValue) = CustomFieldFilter.Parse(_customField);
        return new(
            _search, _onlyMine ? me : _ownerId, _company?.Id, CrmEnumNames.Parse<LifecycleStage>(_stage), _tag,
            CustomFieldKey: fieldKey, CustomFieldValue: fieldValue, LeadSource: _leadSource, JobTitle: _jobTitle,
            EmailConsent: _emailConsent is null ? null : _emailConsent == "yes",
            CreatedAfter: _createdAfter is { } after ? new DateTimeOffset(after.Date) : null,
            CreatedBefore: _createdBefore is { } before ? new DateTimeOffset(before.Date) : null);
    }

    protected override ListViewState CaptureFilters() => new()
    {
        Search = _search,
        LifecycleStage = _stage,
        Tag = _tag,
        OnlyMine = _onlyMine,
        OwnerId = _ownerId,
        CustomField = _customField,
    };

    protected override void RestoreFilters(ListViewState state)
    {
        (_search, _stage, _tag, _onlyMine, _ownerId, _customField) = (state.Search, state.LifecycleStage, state.Tag, state.OnlyMine, state.OwnerId, state.CustomField);
        MoreFiltersOpen |= _ownerId is not null || _customField is not null;
    }

    private async Task<IEnumerable<CompanyOption>> SearchCompaniesAsync(string? text, CancellationToken cancellationToken) =>
        await Companies.SuggestAsync(await AccessAsync(), text, cancellationToken);

    private async Task LoadExportsAsync() => _exports = await ExportJobs.RecentAsync(await AccessAsync());

    private async Task StartBackgroundExportAsync()
    {
        var access = await AccessAsync();
        var started = await ExportJobs.StartAsync(access, CurrentFilter(access.UserId), ExportColumns);
        Snackbar.Add(started is null ? "You cannot export contacts." : "Export started: find the file under recent exports when it is ready.",
            started is null ? Severity.Error : Severity.Info);
    }

    private async Task BulkAsync(BulkContactRequest request)
    {
        request.Ids = [.. Selected.Select(c => c.Id)];
        await AfterBulkAsync(await Bulk.ApplyAsync(await AccessAsync(), request), "contacts");
    }

    private Task AssignOwnerAsync(Guid ownerId) => BulkAsync(new BulkContactRequest { Action = BulkActions.AssignOwner, OwnerId = ownerId });

    private Task SetStageAsync(LifecycleStage stage) => BulkAsync(new BulkContactRequest { Action = "setStage", LifecycleStage = CrmEnumNames.Wire(stage) });

    private Task AddTagAsync(string tag) => BulkAsync(new BulkContactRequest { Action = BulkActions.AddTag, Tag = tag });

    private Task BulkDeleteAsync() => BulkAsync(new BulkContactRequest { Action = BulkActions.Delete });

    private void OpenRow(TableRowClickEventArgs<ContactDto> row)
    {
        if (row.Item is { } contact)
        {
            Open($"/crm/contacts/{contact.Id}");
        }
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<ContactDialog>("New contact", new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: ContactDto created })
        {
            Open($"/crm/contacts/{created.Id}");
        }
    }
}
