using System.Globalization;
using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Views;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

public partial class DealListPage
{
    private IReadOnlyList<PipelineDto> _pipelines = [];
    private IReadOnlyList<(Guid Id, string Name)> _teams = [];
    private Guid? _me;

    private Guid _pipelineId;
    private string? _search;
    private string? _outcome;
    private Guid? _ownerId;
    private bool _onlyMine;
    private Guid? _teamId;
    private DateTime? _closeFrom;
    private DateTime? _closeTo;

    [Inject]
    private UserDirectory Teams { get; set; } = default!;

    [Inject]
    private PipelineService Pipelines { get; set; } = default!;

    [Inject]
    private DealBoard Board { get; set; } = default!;

    [Inject]
    private DealBulkService Bulk { get; set; } = default!;

    protected override string ListName => "deals";

    protected override ListColumns Columns { get; } = new(
        ["Amount", "Stage", "Status", "Close date", "Owner", "Days in stage", "Updated"],
        ["Amount", "Stage", "Status", "Close date", "Owner", "Updated"]);

    private Guid? Owner => _onlyMine ? _me : _ownerId;

    private bool IsFiltered => !string.IsNullOrWhiteSpace(_search) || _outcome is not null || Owner is not null || _teamId is not null
        || _closeFrom is not null || _closeTo is not null;

    private DealFilter Filter => new(
        _pipelineId, Owner, _closeFrom is { } from ? DateOnly.FromDateTime(from) : null, _closeTo is { } to ? DateOnly.FromDateTime(to) : null, _search, _teamId);

    private string ExportUrl => QueryHelpers.AddQueryString("/api/v1/deals/export", new Dictionary<string, string?>
    {
        ["pipelineId"] = _pipelineId.ToString(),
        ["search"] = _search,
        ["outcome"] = _outcome,
        ["ownerId"] = Owner?.ToString(),
        ["teamId"] = _teamId?.ToString(),
        ["closeFrom"] = Filter.CloseFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["closeTo"] = Filter.CloseTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    private protected override async Task OnListInitializedAsync(AccessContext access)
    {
        _me = access.UserId;
        _pipelines = await Pipelines.VisibleAsync(access);
        _pipelineId = _pipelines.Count > 0 ? _pipelines[0].Id : Guid.Empty;
        _teams = await Teams.TeamsAsync();
    }

    private async Task<TableData<DealDto>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var descending = state.SortDirection == SortDirection.Descending || (state.SortLabel is null or "updated" && state.SortDirection == SortDirection.None);
        var page = await Board.ListPageAsync(await AccessAsync(), Filter, _outcome, state.SortLabel, descending,
            state.Page, state.PageSize, cancellationToken);
        Counted(page.Count, "deal", "deals");
        return new TableData<DealDto> { Items = page.Items, TotalItems = page.Count.Value };
    }

    protected override ListViewState CaptureFilters() => new()
    {
        Search = _search,
        Outcome = _outcome,
        OwnerId = _ownerId,
        OnlyMine = _onlyMine,
        PipelineId = _pipelineId,
        TeamId = _teamId,
    };

    protected override void RestoreFilters(ListViewState state)
    {
        (_search, _outcome, _ownerId, _onlyMine, _teamId) = (state.Search, state.Outcome, state.OwnerId, state.OnlyMine, state.TeamId);
        _pipelineId = state.PipelineId is { } pipeline && _pipelines.Any(p => p.Id == pipeline) ? pipeline : _pipelineId;
        MoreFiltersOpen |= _ownerId is not null || _teamId is not null;
    }

    private async Task BulkAsync(BulkRequest request)
    {
        request.Ids = [.. Selected.Select(d => d.Id)];
        await AfterBulkAsync(await Bulk.ApplyAsync(await AccessAsync(), request), "deals");
    }

    private Task AssignOwnerAsync(Guid ownerId) => BulkAsync(new BulkRequest { Action = BulkActions.AssignOwner, OwnerId = ownerId });

    private Task BulkDeleteAsync() => BulkAsync(new BulkRequest { Action = BulkActions.Delete });
}
