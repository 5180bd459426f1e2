using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>Computed traits (the intent score among them): list, edit rules, create, delete.</summary>
public partial class ComputedTraitsPage
{
    private readonly List<BreadcrumbItem> _crumbs = [new("Segments", "/cdp/segments"), new("Computed traits", null, disabled: true)];
    private IReadOnlyList<ComputedTraitDto>? _traits;
    private TraitForm? _editing;
    private Guid? _editingId;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private string? _message;
    private bool _failed;
    private bool _saving;
    private bool _canManage;

    [Inject]
    private ComputedTraitService Traits { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _canManage = (await AccessAsync()).Has(Permissions.Cdp.ComputedTraitsManage);
        _traits = await Traits.ListAsync(await AccessAsync());
    }

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private static string KindLabel(string kind) => kind switch
    {
        ComputedTraitKinds.Average => "Average",
        ComputedTraitKinds.MostFrequent => "Most frequent value",
        ComputedTraitKinds.UniqueCount => "Unique values",
        ComputedTraitKinds.DaysSinceLast => "Days since last",
        ComputedTraitKinds.First => "First value",
        ComputedTraitKinds.Last => "Last value",
        _ => char.ToUpperInvariant(kind[0]) + kind[1..],
    };

    private static string Describe(ComputedTraitDto trait) => trait.Kind == ComputedTraitKinds.Score
        ? $"Score of {trait.Rules.Count} rules over {trait.WindowDays} days{(trait.HalfLifeDays is { } days ? $", half-life {days:0.#} days" : "")}"
        : $"{KindLabel(trait.Kind)} of {trait.Event}{(trait.Property is null ? "" : "." + trait.Property)} over {trait.WindowDays} days";

    private void New() => Open(null, new TraitForm { WindowDays = 30, Rules = [new()] });

    private void Edit(ComputedTraitDto trait) => Open(trait.Id, new TraitForm
    {
        Key = trait.Key,
        Name = trait.Name,
        Kind = trait.Kind,
        Event = trait.Event,
        Property = trait.Property,
        Filters = new SegmentCondition { Where = trait.Where?.Select(w => w.Clone()).ToList() },
        WindowDays = trait.WindowDays,
        HalfLifeDays = trait.HalfLifeDays,
        Cap = trait.Cap,
        Rules = [.. trait.Rules.Select(r => new RuleRow { Event = r.Event, Points = r.Points, HalfLifeDays = r.HalfLifeDays, Filters = new SegmentCondition { Where = r.Where } })],
    });

    private void Open(Guid? id, TraitForm form) => (_editingId, _editing, _errors, _message, _failed) = (id, form, new Dictionary<string, string[]>(), null, false);

    private async Task SaveAsync()
    {
        if (!_canManage)
        {
            return;
        }

        _saving = true;
        var input = new ComputedTraitInput
        {
            Key = _editing!.Key?.Trim(),
            Name = _editing.Name,
            Kind = _editing.Kind,
            WindowDays = _editing.WindowDays,
        };
        if (_editing.Kind == ComputedTraitKinds.Score)
        {
            (input.HalfLifeDays, input.Cap) = (_editing.HalfLifeDays, _editing.Cap);
            input.Rules = [.. _editing.Rules.Select(r => new ComputedTraitRule(r.Event ?? "", r.Points, r.Filters.Where, r.HalfLifeDays))];
        }
        else
        {
            (input.Event, input.Property, input.Where) = (_editing.Event, ComputedTraitKinds.NeedsProperty(_editing.Kind) ? _editing.Property : null, _editing.Filters.Where);
        }

        var result = await Traits.SaveAsync(await AccessAsync(), _editingId, input);
        _saving = false;
        _errors = result.Errors ?? new Dictionary<string, string[]>();
        _failed = result.Value is null;
        if (result.Value is { } saved)
        {
            _editingId = saved.Id;
            _traits = await Traits.ListAsync(await AccessAsync());
            _message = $"Saved {saved.Key}. Every profile's value is being computed; new events update it within seconds.";
        }
        else
        {
            _message = result.Message ?? "Not saved; see the messages above.";
        }
    }

    private async Task DeleteAsync()
    {
        if (!_canManage)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete computed trait?", $"{_editing!.Key} and its value on every profile are deleted.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var result = await Traits.DeleteAsync(await AccessAsync(), _editingId!.Value);
        if (result.Value)
        {
            (_editing, _editingId) = (null, null);
            _traits = await Traits.ListAsync(await AccessAsync());
        }
        else
        {
            (_failed, _message) = (true, result.Message ?? "Not deleted.");
        }
    }

    private sealed class TraitForm
    {
        public string? Key { get; set; }

        public string? Name { get; set; }

        public string Kind { get; set; } = ComputedTraitKinds.Score;

        public string? Event { get; set; }

        public string? Property { get; set; }

        /// <summary>Holds the property filters (its <c>where</c>), as the filter editor edits them.</summary>
        public SegmentCondition Filters { get; set; } = new();

        public int? WindowDays { get; set; }

        public decimal? HalfLifeDays { get; set; }

        public decimal? Cap { get; set; }

        public List<RuleRow> Rules { get; set; } = [];
    }

    private sealed class RuleRow
    {
        public string? Event { get; set; }

        public decimal Points { get; set; } = 1;

        public decimal? HalfLifeDays { get; set; }

        public SegmentCondition Filters { get; set; } = new();
    }
}
