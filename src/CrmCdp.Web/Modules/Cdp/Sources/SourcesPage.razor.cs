using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Cdp.Sources;

public partial class SourcesPage
{
    private IReadOnlyList<SourceDto> _sources = [];
    private SourceDto? _shownKey;
    private bool _creating;
    private string? _name;
    private string _type = "website";
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    [Inject]
    private SourceService Sources { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _sources = await Sources.ListAsync(await AccessAsync());

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task CreateAsync()
    {
        var result = await Sources.CreateAsync(await AccessAsync(), new SourceInput { Name = _name, Type = _type });
        _errors = result.Errors ?? new Dictionary<string, string[]>();
        if (result.Value is { } created)
        {
            (_shownKey, _creating, _name) = (created, false, null);
            _sources = await Sources.ListAsync(await AccessAsync());
        }
    }

    private async Task RotateAsync(SourceDto source)
    {
        if (await Dialogs.ShowMessageBoxAsync("Rotate write key?", $"{source.Name} gets a new key; the current one keeps working for 24 hours.", yesText: "Rotate", cancelText: "Cancel") != true)
        {
            return;
        }

        _shownKey = (await Sources.RotateAsync(await AccessAsync(), source.Id, TimeSpan.FromHours(24))).Value;
        _sources = await Sources.ListAsync(await AccessAsync());
    }

    private async Task ToggleAsync(SourceDto source)
    {
        if (source.Enabled && await Dialogs.ShowMessageBoxAsync("Disable source?", $"Events sent with {source.Name}'s key are refused until it is enabled again.", yesText: "Disable", cancelText: "Cancel") != true)
        {
            return;
        }

        await Sources.SetEnabledAsync(await AccessAsync(), source.Id, !source.Enabled);
        _sources = await Sources.ListAsync(await AccessAsync());
    }
}
