using System.Text.Json;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

public partial class ProfileEvents
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly List<ProfileEventDto> _items = [];
    private ProfileEventDto? _selected;
    private string? _type;
    private string? _filter;
    private string? _next;
    private string? _error;
    private bool _loading = true;

    [Parameter, EditorRequired]
    public Guid ProfileId { get; set; }

    [Parameter]
    public IReadOnlyDictionary<Guid, string> SourceNames { get; set; } = new Dictionary<Guid, string>();

    [Parameter]
    public int PageSize { get; set; } = 25;

    [Inject]
    private ProfileTimeline Timeline { get; set; } = default!;

    private IEnumerable<ProfileEventDto> Shown => _items
        .Where(e => _type is null || e.Type == _type)
        .Where(e => string.IsNullOrWhiteSpace(_filter) || (e.Event ?? "").Contains(_filter.Trim(), StringComparison.OrdinalIgnoreCase));

    protected override Task OnInitializedAsync() => MoreAsync();

    private async Task MoreAsync()
    {
        _loading = true;
        var page = await Timeline.EventsAsync(await AccessAsync(), ProfileId, _next, PageSize);
        if (page.Value is { } events)
        {
            _items.AddRange(events.Items);
            _next = events.NextCursor;
        }
        else
        {
            _error = page.Message ?? "The events could not be loaded.";
        }

        _loading = false;
    }

    private static string Pretty(ProfileEventDto e) => JsonSerializer.Serialize(
        new { properties = e.Properties, traits = e.Traits, context = e.Context }, Indented);
}
