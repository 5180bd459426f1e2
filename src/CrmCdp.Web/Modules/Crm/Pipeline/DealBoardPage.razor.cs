using System.Globalization;
using CrmCdp.Web.Modules.Crm.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <summary>The pipeline board: a column per stage, cards dragged between stages or onto Won / Lost.</summary>
public partial class DealBoardPage
{
    private readonly Dictionary<Guid, string> _zones = [];
    private MudDropContainer<DealDto>? _container;
    private IReadOnlyList<PipelineDto> _pipelines = [];
    private IReadOnlyList<BoardColumn> _columns = [];
    private List<DealDto> _cards = [];
    private IReadOnlyList<UserOption> _users = [];
    private Guid _pipelineId;
    private Guid? _ownerId;
    private Guid? _teamId;
    private IReadOnlyList<(Guid Id, string Name)> _teams = [];

    [Inject]
    private UserDirectory Teams { get; set; } = default!;
    private DateTime? _closeFrom;
    private DateTime? _closeTo;
    private bool _onlyMine;
    private bool _loading = true;

    [Inject]
    private PipelineService Pipelines { get; set; } = default!;

    [Inject]
    private DealBoard Board { get; set; } = default!;

    [Inject]
    private DealService Deals { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var access = await AccessAsync();
        _pipelines = await Pipelines.VisibleAsync(access);
        _users = await Users.AssignableAsync();
        _teams = await Teams.TeamsAsync();

        _pipelineId = _pipelines.Count > 0 ? _pipelines[0].Id : Guid.Empty;
        await ReloadAsync();
    }

    internal static string Money(decimal amount, string currency) =>
        string.Create(CultureInfo.CurrentCulture, $"{amount:N0} {currency}");

    private string ZoneOf(DealDto deal) => _zones.TryGetValue(deal.Id, out var zone) ? zone : deal.StageId.ToString();

    private static bool CanMove(DealDto deal) => deal.Outcome == "open";

    private async Task<DealFilter> FilterAsync() => new(
        _pipelineId, _onlyMine ? (await AccessAsync()).UserId : _ownerId,
        _closeFrom is { } from ? DateOnly.FromDateTime(from) : null,
        _closeTo is { } to ? DateOnly.FromDateTime(to) : null,
        TeamId: _teamId);

    private async Task ReloadAsync()
    {
        _loading = true;
        _columns = _pipelineId == Guid.Empty ? [] : await Board.ColumnsAsync(await AccessAsync(), await FilterAsync());
        _cards = [.. _columns.SelectMany(c => c.Deals)];
        _zones.Clear();
        _loading = false;
        _container?.Refresh();
    }

    private async Task OnPipelineChanged(Guid pipelineId)
    {
        _pipelineId = pipelineId;
        await ReloadAsync();
    }

    private async Task SetFilterAsync(Action change)
    {
        change();
        await ReloadAsync();
    }

    private async Task LoadMoreAsync(BoardColumn column)
    {
        var shown = _cards.Count(c => ZoneOf(c) == column.Stage.Id.ToString());
        var more = await Board.MoreAsync(await AccessAsync(), await FilterAsync(), column.Stage.Id, shown);
        _cards.AddRange(more.Where(m => _cards.All(c => c.Id != m.Id)));
        _container?.Refresh();
    }

    private async Task OnDroppedAsync(MudItemDropInfo<DealDto> drop)
    {
        var deal = drop.Item!;
        var from = ZoneOf(deal);
        if (from == drop.DropzoneIdentifier)
        {
            return;
        }

        DealMove? move = drop.DropzoneIdentifier switch
        {
            "won" => await AskWonAsync(deal),
            "lost" => await AskLostAsync(deal),
            var stage => new DealMove { StageId = Guid.Parse(stage) },
        };
        if (move is null)
        {
            _container?.Refresh();
            return;
        }

        _zones[deal.Id] = drop.DropzoneIdentifier;
        var result = await Deals.MoveAsync(await AccessAsync(), deal.Id, move);
        if (result.Value is null)
        {
            Snackbar.Add(result.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? result.Message ?? "The deal could not be moved.", Severity.Error);
        }
        else if (move.Outcome is { } outcome)
        {
            Snackbar.Add($"“{deal.Name}” marked as {outcome}.", outcome == "won" ? Severity.Success : Severity.Info);
        }

        await ReloadAsync();
    }

    private async Task<DealMove?> AskWonAsync(DealDto deal)
    {
        var dialog = await Dialogs.ShowAsync<CloseDealDialog>($"Won: {deal.Name}",
            new DialogParameters<CloseDealDialog> { { d => d.Deal, deal }, { d => d.Won, true } }, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: DealMove move } ? move : null;
    }

    private async Task<DealMove?> AskLostAsync(DealDto deal)
    {
        var dialog = await Dialogs.ShowAsync<CloseDealDialog>($"Lost: {deal.Name}",
            new DialogParameters<CloseDealDialog> { { d => d.Deal, deal }, { d => d.Won, false } }, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: DealMove move } ? move : null;
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<DealDialog>("New deal", new DialogParameters<DealDialog> { { d => d.PipelineId, _pipelineId } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            await ReloadAsync();
        }
    }
}
