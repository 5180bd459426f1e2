using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

public partial class DestinationPage
{
    private DestinationDto? _destination;
    private DestinationHealth? _health;
    private List<DeliveryDto> _deliveries = [];
    private string? _nextCursor;
    private DeliveryDetailDto? _open;
    private DateRange? _replayRange;
    private string? _message;
    private bool _loaded;
    private string[] _hours = [];
    private List<ChartSeries<double>> _latencySeries = [];
    private BarChartOptions _latencyAxis = new();

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private DestinationService Destinations { get; set; } = default!;

    [Inject]
    private DeliveryService Deliveries { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _destination = (await Destinations.GetAsync(await AccessAsync(), Id)).Value;
        _loaded = true;
        if (_destination is not null)
        {
            await ReloadAsync();
        }
    }

    private static Color StatusColor(string status) => status switch
    {
        DeliveryStatuses.Delivered => Color.Success,
        DeliveryStatuses.Failed => Color.Error,
        DeliveryStatuses.Retrying => Color.Warning,
        _ => Color.Default,
    };

    private async Task ReloadAsync()
    {
        var access = await AccessAsync();
        _health = await Deliveries.HealthAsync(access, Id);
        _hours = [.. _health.Hours.Select(h => h.Hour.InUserZone().ToString("HH:mm", CultureInfo.CurrentCulture))];
        _latencySeries = [new() { Name = "Average latency, ms", Data = _health.Hours.Select(h => Math.Round(h.AverageMs)).ToArray() }];
        _latencyAxis = AxisSteps.BarsUpTo(_latencySeries.SelectMany(s => s.Data.Values));
        var page = (await Deliveries.ListAsync(access, Id, null, 50)).Value;
        (_deliveries, _nextCursor) = ([.. page?.Items ?? []], page?.NextCursor);
    }

    private async Task MoreAsync()
    {
        var page = (await Deliveries.ListAsync(await AccessAsync(), Id, _nextCursor, 50)).Value;
        _deliveries.AddRange(page?.Items ?? []);
        _nextCursor = page?.NextCursor;
    }

    private async Task OpenAsync(DeliveryDto delivery) =>
        _open = _open?.Delivery.Id == delivery.Id ? null : (await Deliveries.GetAsync(await AccessAsync(), Id, delivery.Id)).Value;

    private async Task ReplayAsync(DeliveryDto delivery)
    {
        var result = await Deliveries.ReplayAsync(await AccessAsync(), Id, delivery.Id, null, null);
        _message = result.Value is { } replay ? $"Delivery {delivery.WebhookId} is sent again now ({replay.Replayed})." : result.Message;
        await ReloadAsync();
    }

    private async Task ReplayRangeAsync()
    {
        if (_replayRange?.Start is not { } start || _replayRange.End is not { } end
            || await Dialogs.ShowMessageBoxAsync("Replay deliveries?", $"Every delivery created from {start:d} to the end of {end:d} is sent again, with its webhook id.", yesText: "Replay", cancelText: "Cancel") != true)
        {
            return;
        }

        var from = new DateTimeOffset(start.Date, TimeSpan.Zero);
        var result = await Deliveries.ReplayAsync(await AccessAsync(), Id, null, from, new DateTimeOffset(end.Date.AddDays(1), TimeSpan.Zero));
        _message = result.Value is { } replay ? $"{replay.Replayed:N0} deliveries are sent again now." : result.Message ?? string.Join(" ", result.Errors?.Values.SelectMany(m => m) ?? []);
        await ReloadAsync();
    }
}
