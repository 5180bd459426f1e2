using System.Text.Json;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

public partial class ProfileTraits
{
    [Parameter, EditorRequired]
    public JsonElement Traits { get; set; }

    [Parameter, EditorRequired]
    public JsonElement TraitSources { get; set; }

    [Parameter]
    public IReadOnlyDictionary<Guid, string> SourceNames { get; set; } = new Dictionary<Guid, string>();

    /// <summary>Every value each trait took, newest first.</summary>
    [Parameter]
    public IReadOnlyList<TraitChangeDto> History { get; set; } = [];

    private string? _open;

    private List<TraitChangeDto> HistoryOf(string name) => [.. History.Where(h => h.Name == name)];

    private List<TraitRow> Rows { get; set; } = [];

    protected override void OnParametersSet()
    {
        Rows = Traits.ValueKind != JsonValueKind.Object ? [] : [.. Traits.EnumerateObject().OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(Row)];
    }

    private TraitRow Row(JsonProperty trait)
    {
        var value = trait.Value.ValueKind == JsonValueKind.String ? trait.Value.GetString() ?? "" : trait.Value.GetRawText();
        if (TraitSources.ValueKind != JsonValueKind.Object || !TraitSources.TryGetProperty(trait.Name, out var origin) || origin.ValueKind != JsonValueKind.Object)
        {
            return new TraitRow(trait.Name, value, null, null, null);
        }

        DateTimeOffset? at = origin.TryGetProperty("at", out var a) && a.ValueKind == JsonValueKind.String && a.TryGetDateTimeOffset(out var parsed) ? parsed : null;
        Guid? sourceId = origin.TryGetProperty("sourceId", out var s) && s.ValueKind == JsonValueKind.String && s.TryGetGuid(out var id) ? id : null;
        long? eventId = origin.TryGetProperty("eventId", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var number) ? number : null;
        return new TraitRow(trait.Name, value, at, sourceId, eventId);
    }

    private sealed record TraitRow(string Name, string Value, DateTimeOffset? At, Guid? SourceId, long? EventId);
}
