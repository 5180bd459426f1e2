using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Modules.Cdp.Sources;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

public partial class DestinationsPage
{
    private IReadOnlyList<DestinationDto> _destinations = [];
    private Dictionary<Guid, DestinationHealth> _health = [];
    private IReadOnlyList<SourceDto> _sources = [];
    private IReadOnlyList<SegmentDto> _segments = [];
    private DestinationDto? _shownSecret;
    private TestSendResult? _testResult;
    private bool _creating;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    [Inject]
    private DestinationService Destinations { get; set; } = default!;

    [Inject]
    private DeliveryService Deliveries { get; set; } = default!;

    [Inject]
    private SourceService SourceList { get; set; } = default!;

    [Inject]
    private SegmentService SegmentList { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var access = await AccessAsync();
        (_sources, _segments) = (await SourceList.ListAsync(access), await SegmentList.ListAsync(access));
        await ReloadAsync();
    }

    private string Receives(DestinationDto destination)
    {
        var s = destination.Subscriptions;
        var parts = new List<string>();
        if (s.WantsEvents)
        {
            parts.Add(s.EventNames is { Count: > 0 } names ? string.Join(", ", names) : s.EventTypes is { Count: > 0 } types ? $"{string.Join(", ", types)} events" : "all events");
        }

        if (s.SegmentIds is { Count: > 0 } segmentIds)
        {
            parts.Add("entries and exits of " + string.Join(", ", segmentIds.Select(id => _segments.FirstOrDefault(x => x.Id == id)?.Name ?? "a deleted segment")));
        }

        return parts.Count == 0 ? "nothing yet (edit its subscriptions)" : string.Join("; ", parts);
    }

    private string HealthText(Guid id) => _health.TryGetValue(id, out var health) && health.SuccessRate is { } rate
        ? $"{rate:P0} of {health.Attempts:N0} attempts succeeded{(health.Pending > 0 ? $"; {health.Pending:N0} waiting" : "")}"
        : "no attempts";

    private async Task ReloadAsync()
    {
        var access = await AccessAsync();
        _destinations = await Destinations.ListAsync(access);
        _health = [];
        foreach (var destination in _destinations)
        {
            _health[destination.Id] = await Deliveries.HealthAsync(access, destination.Id);
        }
    }

    private async Task CreateAsync(DestinationInput input)
    {
        var result = await Destinations.CreateAsync(await AccessAsync(), input);
        _errors = result.Errors ?? new Dictionary<string, string[]>();
        if (result.Value is { } created)
        {
            (_shownSecret, _creating) = (created, false);
            await ReloadAsync();
        }
    }

    private async Task TestAsync(DestinationDto destination)
    {
        _testResult = (await Deliveries.TestAsync(await AccessAsync(), destination.Id)).Value;
        await ReloadAsync();
    }

    private async Task RotateAsync(DestinationDto destination)
    {
        if (await Dialogs.ShowMessageBoxAsync("Rotate signing secret?", $"{destination.Name} gets a new secret; the current one keeps signing beside it for 24 hours.", yesText: "Rotate", cancelText: "Cancel") == true)
        {
            _shownSecret = (await Destinations.RotateSecretAsync(await AccessAsync(), destination.Id, TimeSpan.FromHours(24))).Value;
        }
    }

    private async Task ToggleAsync(DestinationDto destination)
    {
        if (destination.Enabled && await Dialogs.ShowMessageBoxAsync("Disable destination?", $"Nothing new is sent to {destination.Name} until it is enabled again; what waits is kept.", yesText: "Disable", cancelText: "Cancel") != true)
        {
            return;
        }

        await Destinations.UpdateAsync(await AccessAsync(), destination.Id, Input(destination, !destination.Enabled));
        await ReloadAsync();
    }

    private async Task DeleteAsync(DestinationDto destination)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete destination?", $"{destination.Name} and its delivery log are deleted; nothing more is sent to it.", yesText: "Delete", cancelText: "Cancel") == true)
        {
            await Destinations.DeleteAsync(await AccessAsync(), destination.Id);
            await ReloadAsync();
        }
    }

    private static DestinationInput Input(DestinationDto d, bool enabled) => new()
    {
        Name = d.Name,
        Type = d.Type,
        Url = d.Url,
        Headers = new Dictionary<string, string>(d.Headers),
        Enabled = enabled,
        Subscriptions = d.Subscriptions,
        BatchSize = d.BatchSize,
        ConsentCategory = d.ConsentCategory,
        IncludePii = d.IncludePii,
    };
}
