using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>Where a step leads: another step, or the end of the journey (null).</summary>
public sealed partial class JourneyNextSelect
{
    private const string End = "";

    [Parameter]
    public string Label { get; set; } = "Then";

    [Parameter]
    public string? Value { get; set; }

    [Parameter]
    public EventCallback<string?> ValueChanged { get; set; }

    [Parameter]
    public IReadOnlyList<string> Choices { get; set; } = [];

    private Task ChangedAsync(string value) => ValueChanged.InvokeAsync(value == End ? null : value);
}
