using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>The data steward's identity rules: priority of identifier types, limits per profile, blocked values and patterns.</summary>
public partial class IdentityRulesPage
{
    private List<string> _priority = [];
    private Dictionary<string, int?> _limits = [];
    private List<string> _blockedValues = [];
    private List<string> _patterns = [];
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private string? _newType;
    private string? _newValue;
    private string? _message;
    private bool _loading = true;
    private bool _saving;

    [Inject]
    private IdentityRulesService Rules { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if ((await Rules.GetAsync(await AccessAsync())).Value is { } rules)
        {
            Show(rules);
        }

        _loading = false;
    }

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private void Show(IdentityRulesDto rules)
    {
        _priority = [.. rules.Priority];
        _limits = rules.Limits.ToDictionary(l => l.Key, l => (int?)l.Value);
        _blockedValues = [.. rules.BlockedValues];
        _patterns = [.. rules.BlockedPatterns];
    }

    private void Defaults()
    {
        Show(IdentityRulesDto.From(new IdentityRules()));
        (_errors, _message) = (new Dictionary<string, string[]>(), "The defaults are filled in; save to apply them.");
    }

    private void Move(int index, int by)
    {
        var target = index + by;
        if (target >= 0 && target < _priority.Count)
        {
            (_priority[index], _priority[target]) = (_priority[target], _priority[index]);
        }
    }

    private void Remove(string type)
    {
        _priority.Remove(type);
        _limits.Remove(type);
    }

    private void AddType()
    {
        var type = IdentifierTypes.NormalizeType(_newType) ?? _newType?.Trim();
        if (!string.IsNullOrEmpty(type) && !_priority.Contains(type))
        {
            // Custom types go just above anonymous_id, where unlisted custom types rank anyway.
            var anonymous = _priority.IndexOf(IdentifierTypes.AnonymousId);
            _priority.Insert(anonymous >= 0 ? anonymous : _priority.Count, type);
        }

        _newType = null;
    }

    private void AddValue()
    {
        var value = _newValue?.Trim();
        if (!string.IsNullOrEmpty(value) && !_blockedValues.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            _blockedValues.Add(value);
        }

        _newValue = null;
    }

    private async Task SaveAsync()
    {
        _saving = true;
        _patterns.RemoveAll(string.IsNullOrWhiteSpace);
        var input = new IdentityRulesInput
        {
            Priority = [.. _priority],
            Limits = _limits.Where(l => l.Value is not null).ToDictionary(l => l.Key, l => l.Value!.Value),
            BlockedValues = [.. _blockedValues],
            BlockedPatterns = [.. _patterns],
        };
        var result = await Rules.SaveAsync(await AccessAsync(), input);
        _errors = result.Errors ?? new Dictionary<string, string[]>();
        if (result.Value is { } saved)
        {
            Show(saved);
            _message = "Saved. The rules apply from the next resolution batch.";
        }
        else
        {
            _message = result.Message ?? "The rules were not saved; see the messages above.";
        }

        _saving = false;
    }
}
