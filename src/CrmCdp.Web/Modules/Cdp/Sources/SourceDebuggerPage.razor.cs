using CrmCdp.Web.Modules.Cdp.Ingestion;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Sources;

public sealed partial class SourceDebuggerPage
{
    private static readonly string[] Statuses = [DebugStatuses.Accepted, DebugStatuses.Rejected, DebugStatuses.Blocked, DebugStatuses.Suppressed];
    private readonly CancellationTokenSource _stop = new();
    private List<DebugEntry> _entries = [];
    private List<BreadcrumbItem> _crumbs = [];
    private SourceDto? _source;
    private DebugEntry? _selected;
    private string? _filter;
    private bool _paused;
    private long _last;

    [Parameter]
    public Guid SourceId { get; set; }

    [Inject]
    private SourceService Sources { get; set; } = default!;

    [Inject]
    private IngestionDebugFeed Feed { get; set; } = default!;

    [Inject]
    private NavigationManager Nav { get; set; } = default!;

    private IEnumerable<DebugEntry> Shown => _filter is null ? _entries : _entries.Where(e => e.Status == _filter);

    protected override async Task OnInitializedAsync()
    {
        _source = (await Sources.GetAsync(await AccessAsync(), SourceId)).Value;
        _crumbs = [new("Sources", "/cdp/sources"), new(_source?.Name ?? "Unknown", null, disabled: true), new("Debugger", null, disabled: true)];
        if (_source is not null)
        {
            Feed.Watch(SourceId);
            _ = PollAsync();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private static Color ColorOf(string status) => status switch
    {
        DebugStatuses.Accepted => Color.Success,
        DebugStatuses.Rejected => Color.Error,
        DebugStatuses.Blocked => Color.Warning,
        _ => Color.Default,
    };

    private static string Pretty(string payload)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(payload);
            return System.Text.Json.JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (System.Text.Json.JsonException)
        {
            return payload;
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    private void TogglePause() => _paused = !_paused;

    private void Clear() => (_entries, _selected) = ([], null);

    private Task PollAsync() => RefreshEveryAsync(TimeSpan.FromSeconds(1), () =>
    {
        // Keep recording while paused, so resuming shows what arrived meanwhile (up to the feed's capacity).
        Feed.Watch(SourceId);
        var fresh = _paused ? [] : Feed.Since(SourceId, _last);
        if (fresh.Count > 0)
        {
            _last = fresh[0].Sequence;
            _entries = [.. fresh.Concat(_entries).Take(IngestionDebugFeed.Capacity)];
        }

        return Task.CompletedTask;
    }, _stop.Token);
}
