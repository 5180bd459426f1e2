using CrmCdp.Web.Modules.Cdp.Ingestion;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Cdp.Overview;

public sealed partial class CdpOverview
{
    private readonly CancellationTokenSource _stop = new();
    private long _stored24h;

    [Inject]
    private IngestionMetrics Metrics { get; set; } = default!;

    [Inject]
    private IngestionWriter Writer { get; set; } = default!;

    [Inject]
    private CrmCdp.Web.Modules.Cdp.Identity.ResolutionMetrics Resolution { get; set; } = default!;

    [Inject]
    private IngestionStats Stats { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _ = RefreshAsync();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task LoadAsync() => _stored24h = await Stats.StoredInLastDayAsync(await AccessAsync(), _stop.Token);

    private Task RefreshAsync() => RefreshEveryAsync(TimeSpan.FromSeconds(5), LoadAsync, _stop.Token);
}
