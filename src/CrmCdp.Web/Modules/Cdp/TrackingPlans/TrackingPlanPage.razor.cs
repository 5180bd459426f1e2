using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Sources;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.TrackingPlans;

public partial class TrackingPlanPage
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private List<EditableRule> _rules = [];
    private List<BreadcrumbItem> _crumbs = [];
    private IReadOnlyList<ViolationCountDto> _counts = [];
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private SourceDto? _source;
    private string _mode = TrackingPlanModes.Flag;
    private DateTimeOffset? _savedAt;
    private string? _message;
    private bool _loaded;

    [Parameter]
    public Guid SourceId { get; set; }

    [Inject]
    private SourceService Sources { get; set; } = default!;

    [Inject]
    private TrackingPlanService Plans { get; set; } = default!;

    [Inject]
    private TrackingPlanCounters Counters { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _source = (await Sources.GetAsync(await AccessAsync(), SourceId)).Value;
        _crumbs = [new("Sources", "/cdp/sources"), new(_source?.Name ?? "Unknown", null, disabled: true), new("Tracking plan", null, disabled: true)];
        if (_source is not null && (await Plans.GetAsync(await AccessAsync(), SourceId)).Value is { } plan)
        {
            Show(plan);
            await Counters.FlushAsync();
            _counts = await Plans.ViolationCountsAsync(await AccessAsync(), SourceId);
        }

        // The editor appears once, with the saved plan in it: a choice made while it loaded would be overwritten.
        _loaded = true;
    }

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private void Show(TrackingPlanDto plan)
    {
        (_mode, _savedAt) = (plan.Mode, plan.UpdatedAt);
        _rules = [.. plan.Rules.Select(r => new EditableRule { Kind = r.Kind, Event = r.Event, Schema = JsonSerializer.Serialize(r.Schema, Indented) })];
    }

    private void AddRule() => _rules.Add(new EditableRule());

    private async Task SaveAsync()
    {
        var schemaErrors = new Dictionary<string, string[]>();
        var rules = new List<TrackingPlanRuleInput>();
        for (var i = 0; i < _rules.Count; i++)
        {
            try
            {
                var schema = string.IsNullOrWhiteSpace(_rules[i].Schema) ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(_rules[i].Schema!);
                rules.Add(new TrackingPlanRuleInput { Kind = _rules[i].Kind, Event = _rules[i].Event, Schema = schema });
            }
            catch (JsonException ex)
            {
                schemaErrors[$"rules[{i}].schema"] = [$"The schema is not valid JSON: {ex.Message}"];
                rules.Add(new TrackingPlanRuleInput { Kind = _rules[i].Kind, Event = _rules[i].Event });
            }
        }

        if (schemaErrors.Count > 0)
        {
            (_errors, _message) = (schemaErrors, "Fix the highlighted rules; nothing was saved.");
            return;
        }

        var result = await Plans.SaveAsync(await AccessAsync(), SourceId, new TrackingPlanInput { Mode = _mode, Rules = rules });
        _errors = result.Errors ?? new Dictionary<string, string[]>();
        if (result.Value is { } saved)
        {
            Show(saved);
            _message = $"Saved: {saved.Rules.Count} rules; events arriving from now on follow it.";
        }
        else
        {
            _message = "Fix the highlighted rules; nothing was saved.";
        }
    }

    private async Task RemovePlanAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync("Remove the tracking plan?", "Every event of this source will be accepted as sent, without checks.", yesText: "Remove", cancelText: "Cancel") != true)
        {
            return;
        }

        await Plans.DeleteAsync(await AccessAsync(), SourceId);
        (_rules, _mode, _savedAt, _errors, _message) = ([], TrackingPlanModes.Flag, null, new Dictionary<string, string[]>(), "The plan was removed.");
    }

    private sealed class EditableRule
    {
        public string Kind { get; set; } = "track";

        public string? Event { get; set; }

        public string? Schema { get; set; } = "{\n  \"type\": \"object\",\n  \"properties\": {}\n}";
    }
}
