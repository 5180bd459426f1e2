using CrmCdp.Web.Modules.Cdp.Destinations;
using CrmCdp.Web.Modules.Cdp.Ingestion;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Cdp.Overview;

/// <summary>Ingestion, resolution and audience health with the destinations' state, refreshed every five seconds: the CDP overview and the admin's home.</summary>
public sealed partial class CdpHealthPanel
{
    private readonly CancellationTokenSource _stop = new();
    private long _stored24h;
    private long _stored5m;
    private (long Waiting, TimeSpan Lag)? _audiences;
    private IReadOnlyList<DestinationDto> _destinations = [];

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

    [Inject]
    private DestinationService Destinations { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _ = RefreshEveryAsync(TimeSpan.FromSeconds(5), LoadAsync, _stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task LoadAsync()
    {
        var access = await AccessAsync();
        _stored24h = await Stats.StoredWithinAsync(access, TimeSpan.FromDays(1), _stop.Token);
        _stored5m = await Stats.StoredWithinAsync(access, TimeSpan.FromMinutes(5), _stop.Token);
        _audiences = await Audiences.CurrentAsync(access, _stop.Token);
        _destinations = await Destinations.ListAsync(access, _stop.Token);
    }
}
