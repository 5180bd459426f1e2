using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Dashboards;

/// <summary>A dashboard's tiles, each answered and asked again on the dashboard's schedule; its owner lays them out.</summary>
public sealed partial class DashboardPage
{
    private readonly CancellationTokenSource _stop = new();
    private DashboardDto? _dashboard;
    private DashboardData? _data;
    private List<DashboardTile> _tiles = [];
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private bool _notFound;
    private bool _editing;
    private string? _name;
    private int _refreshSeconds;
    private bool _shared;
    private bool _refreshing;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private DashboardService Dashboards { get; set; } = default!;

    [Inject]
    private DashboardRunner Runner { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _dashboard = (await Dashboards.GetAsync(await AccessAsync(), Id)).Value;
        _notFound = _dashboard is null;
        _tiles = [.. _dashboard?.Tiles ?? []];
        await LoadDataAsync();
        if (_dashboard is { RefreshSeconds: > 0 } dashboard && !_refreshing)
        {
            _refreshing = true;
            _ = RefreshEveryAsync(TimeSpan.FromSeconds(dashboard.RefreshSeconds), LoadDataAsync, _stop.Token);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task LoadDataAsync()
    {
        if (_dashboard is not null && !_editing)
        {
            _data = (await Runner.RunAsync(await AccessAsync(), Id, _stop.Token)).Value;
        }
    }

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private void StartEdit()
    {
        (_editing, _name, _refreshSeconds, _shared) = (true, _dashboard!.Name, _dashboard.RefreshSeconds, _dashboard.Shared);
    }

    private void CancelEdit()
    {
        (_editing, _tiles, _errors) = (false, [.. _dashboard!.Tiles], new Dictionary<string, string[]>());
    }

    private void Move(int index, int by)
    {
        (_tiles[index], _tiles[index + by]) = (_tiles[index + by], _tiles[index]);
    }

    private async Task SaveAsync()
    {
        var saved = await Dashboards.SaveAsync(await AccessAsync(), Id, new DashboardInput
        {
            Name = _name,
            Description = _dashboard!.Description,
            Shared = _shared,
            RefreshSeconds = _refreshSeconds,
            Tiles = _tiles,
            Version = _dashboard.Version,
        });
        _errors = saved.Errors ?? new Dictionary<string, string[]>();
        if (saved.Value is { } dashboard)
        {
            (_dashboard, _editing, _tiles) = (dashboard, false, [.. dashboard.Tiles]);
            Snackbar.Add("Dashboard saved.", Severity.Success);
            await LoadDataAsync();
        }
        else if (saved.Message is { } message)
        {
            Snackbar.Add(message, Severity.Warning);
        }
    }

    private async Task DeleteAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete dashboard?", $"{_dashboard!.Name} and its {_tiles.Count} tile(s) are deleted; the insights themselves stay.", yesText: "Delete", cancelText: "Cancel") != true)
        {
            return;
        }

        if ((await Dashboards.DeleteAsync(await AccessAsync(), Id)).Outcome == OperationOutcome.Ok)
        {
            Navigation.NavigateTo("/cdp/dashboards");
        }
    }
}
