using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Views;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

public partial class DealListPage
{
    private const string ListName = "deals";
    private static readonly string[] OptionalColumns = ["Amount", "Stage", "Status", "Close date", "Owner", "Days in stage", "Updated"];
    private static readonly string[] DefaultColumns = ["Amount", "Stage", "Status", "Close date", "Owner", "Updated"];

    private MudTable<DealDto>? _table;
    private IReadOnlyList<PipelineDto> _pipelines = [];
    private IReadOnlyList<UserOption> _users = [];
    private IReadOnlyList<SavedViewDto> _views = [];
    private HashSet<string> _columns = [.. DefaultColumns];
    private HashSet<DealDto> _selected = [];
    private string? _currentView;
    private string _countText = "…";
    private bool _chooseColumns;
    private Guid _pipelineId;
    private string? _search;
    private string? _outcome;
    private Guid? _ownerId;
    private bool _onlyMine;
    private Guid? _me;
    private Guid? _teamId;
    private DateTime? _closeFrom;
    private DateTime? _closeTo;
    private IReadOnlyList<(Guid Id, string Name)> _teams = [];

    [Inject]
    private UserDirectory Teams { get; set; } = default!;

    [Inject]
    private PipelineService Pipelines { get; set; } = default!;

    [Inject]
    private DealBoard Board { get; set; } = default!;

    [Inject]
    private DealBulkService Bulk { get; set; } = default!;

    [Inject]
    private SavedViewService Views { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private Guid? Owner => _onlyMine ? _me : _ownerId;

    private string ExportUrl => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/api/v1/deals/export", new Dictionary<string, string?>
    {
        ["pipelineId"] = _pipelineId.ToString(),
        ["search"] = _search,
        ["outcome"] = _outcome,
        ["ownerId"] = Owner?.ToString(),
        ["teamId"] = _teamId?.ToString(),
        ["closeFrom"] = Filter.CloseFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["closeTo"] = Filter.CloseTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    protected override async Task OnInitializedAsync()
    {
        var access = await AccessAsync();
        _me = access.UserId;
        _pipelines = await Pipelines.VisibleAsync(access);
        _pipelineId = _pipelines.Count > 0 ? _pipelines[0].Id : Guid.Empty;
        _users = await Users.AssignableAsync();
        _views = await Views.ListAsync(access, ListName);
        _teams = await Teams.TeamsAsync();
    }

    private DealFilter Filter => new(
        _pipelineId, Owner, _closeFrom is { } from ? DateOnly.FromDateTime(from) : null, _closeTo is { } to ? DateOnly.FromDateTime(to) : null, _search, _teamId);

    private bool Show(string column) => _columns.Contains(column);

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

    private async Task<TableData<DealDto>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var descending = state.SortDirection == SortDirection.Descending || (state.SortLabel is null or "updated" && state.SortDirection == SortDirection.None);
        var page = await Board.ListPageAsync(await AccessAsync(), Filter, _outcome, state.SortLabel, descending,
            state.Page, state.PageSize, cancellationToken);
        _countText = page.Count.IsLowerBound ? $"{page.Count} deals" : $"{page.Count.Value:N0} deal{(page.Count.Value == 1 ? "" : "s")}";
        return new TableData<DealDto> { Items = page.Items, TotalItems = page.Count.Value };
    }

    private Task SetFilter(Action change)
    {
        change();
        _currentView = null;
        return _table?.ReloadServerData() ?? Task.CompletedTask;
    }

    private async Task ApplyViewAsync(SavedViewDto view)
    {
        var state = view.State;
        (_search, _outcome, _ownerId, _onlyMine) = (state.Search, state.Outcome, state.OwnerId, state.OnlyMine);
        _pipelineId = state.PipelineId is { } pipeline && _pipelines.Any(p => p.Id == pipeline) ? pipeline : _pipelineId;
        _columns = state.Columns.Count > 0 ? [.. state.Columns] : [.. DefaultColumns];
        await (_table?.ReloadServerData() ?? Task.CompletedTask);
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
                Outcome = _outcome,
                OwnerId = _ownerId,
                OnlyMine = _onlyMine,
                PipelineId = _pipelineId,
                Columns = [.. OptionalColumns.Where(_columns.Contains)],
            };
            if ((await Views.SaveAsync(access, ListName, choice.Item1, choice.Item2, state)).Value is { } saved)
            {
                _currentView = saved.Name;
                _views = await Views.ListAsync(access, ListName);
                Snackbar.Add($"View “{saved.Name}” saved.", Severity.Success);
            }
        }
    }

    private async Task BulkAsync(BulkRequest request)
    {
        request.Ids = [.. _selected.Select(d => d.Id)];
        var (message, severity) = BulkFeedback.Of(await Bulk.ApplyAsync(await AccessAsync(), request), "deals");
        Snackbar.Add(message, severity);
        _selected = [];
        await (_table?.ReloadServerData() ?? Task.CompletedTask);
    }

    private async Task BulkDeleteAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete deals?", $"Delete {_selected.Count} selected deals? An administrator can restore them.", yesText: "Delete", cancelText: "Cancel") == true)
        {
            await BulkAsync(new BulkRequest { Action = BulkActions.Delete });
        }
    }
}
