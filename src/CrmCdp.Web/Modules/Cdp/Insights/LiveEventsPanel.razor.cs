using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>The live view: events per minute and the latest events, refreshing by itself while it is shown.</summary>
public sealed partial class LiveEventsPanel
{
    private readonly CancellationTokenSource _stop = new();
    private LiveEventsResult? _live;
    private bool _seesProfiles;
    private List<ChartSeries<double>> _series = [];
    private string[] _minutes = [];
    private BarChartOptions _axis = new();

    [Inject]
    private LiveEvents Live { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _seesProfiles = (await AccessAsync()).Has(Permissions.Cdp.ProfilesRead);
        await LoadAsync();
        _ = RefreshEveryAsync(TimeSpan.FromSeconds(3), LoadAsync, _stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task LoadAsync()
    {
        if ((await Live.LatestAsync(await AccessAsync(), 15, 50, _stop.Token)).Value is not { } live)
        {
            return;
        }

        _live = live;
        _minutes = [.. live.PerMinute.Select((m, i) => i % 3 == 0 ? m.T.InUserZone().ToString("HH:mm", CultureInfo.CurrentCulture) : "")];
        _series = [new() { Name = "Events per minute", Data = live.PerMinute.Select(m => (double)m.Count).ToArray() }];
        _axis = AxisSteps.BarsUpTo(_series.SelectMany(s => s.Data.Values));
    }
}
