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

    private void New() => Open(null, new TraitForm { WindowDays = 30, Rules = [new()] });

    private void Edit(ComputedTraitDto trait) => Open(trait.Id, new TraitForm
    {
        Key = trait.Key,
        Name = trait.Name,
        WindowDays = trait.WindowDays,
        Cap = trait.Cap,
        Rules = [.. trait.Rules.Select(r => new RuleRow { Event = r.Event, Points = r.Points })],
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
            WindowDays = _editing.WindowDays,
            Cap = _editing.Cap,
            Rules = [.. _editing.Rules.Select(r => new ComputedTraitRule(r.Event ?? "", r.Points))],
        };
        var result = await Traits.SaveAsync(await AccessAsync(), _editingId, input);
        _saving = false;
        _errors = result.Errors ?? new Dictionary<string, string[]>();
        _failed = result.Value is null;
        if (result.Value is { } saved)
        {
            _editingId = saved.Id;
            _traits = await Traits.ListAsync(await AccessAsync());
            _message = $"Saved {saved.Key}. Values are recomputed within a minute.";
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

        public int? WindowDays { get; set; }

        public decimal? Cap { get; set; }

        public List<RuleRow> Rules { get; set; } = [];
    }

    private sealed class RuleRow
    {
        public string? Event { get; set; }

        public decimal Points { get; set; } = 1;
    }
}
