using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Modules.Cdp.Sources;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>The fields of a new webhook destination; the page saves it and shows the errors by field.</summary>
public partial class DestinationForm
{
    private string? _name;
    private string? _url;
    private IReadOnlyCollection<Guid> _segmentIds = [];
    private IReadOnlyCollection<Guid> _sourceIds = [];
    private IReadOnlyCollection<string> _eventTypes = [];
    private string? _eventNames;
    private int _batchSize = 1;
    private string? _consentCategory;
    private bool _includePii;

    [Parameter]
    public IReadOnlyList<SourceDto> Sources { get; set; } = [];

    [Parameter]
    public IReadOnlyList<SegmentDto> Segments { get; set; } = [];

    [Parameter]
    public IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    [Parameter]
    public EventCallback<DestinationInput> OnSubmit { get; set; }

    private bool Has(string field) => Errors.ContainsKey(field);

    private string? Error(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private Task SubmitAsync() => OnSubmit.InvokeAsync(new DestinationInput
    {
        Name = _name,
        Type = DestinationTypes.Webhook,
        Url = _url,
        BatchSize = _batchSize,
        ConsentCategory = _consentCategory,
        IncludePii = _includePii,
        Subscriptions = new DestinationSubscriptions
        {
            SegmentIds = [.. _segmentIds],
            SourceIds = [.. _sourceIds],
            EventTypes = [.. _eventTypes],
            EventNames = [.. (_eventNames ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        },
    });
}
