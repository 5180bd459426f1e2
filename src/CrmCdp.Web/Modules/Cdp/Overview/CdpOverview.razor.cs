using CrmCdp.Web.Modules.Cdp.Ingestion;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Cdp.Overview;

public sealed partial class CdpOverview
{
    private readonly CancellationTokenSource _stop = new();
    private long _stored24h;
    private (long Waiting, TimeSpan Lag)? _audiences;

    [Inject]
    private IngestionMetrics Metrics { get; set; } = default!;

    [Inject]
    private IngestionWriter Writer { get; set; } = default!;

    [Inject]
    private CrmCdp.Web.Modules.Cdp.Identity.ResolutionMetrics Resolution { get; set; } = default!;

    [Inject]
    private IngestionStats Stats { get; set; } = default!;

    [Inject]
    private Audiences.AudienceStatus Audiences { get; set; } = default!;

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

    private async Task LoadAsync()
    {
        var access = await AccessAsync();
        _stored24h = await Stats.StoredInLastDayAsync(access, _stop.Token);
        _audiences = await Audiences.CurrentAsync(access, _stop.Token);
    }

    private Task RefreshAsync() => RefreshEveryAsync(TimeSpan.FromSeconds(5), LoadAsync, _stop.Token);
}
