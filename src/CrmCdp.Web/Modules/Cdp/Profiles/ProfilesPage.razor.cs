using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>The profile explorer: recent profiles, an exact identifier lookup, or free text over identifier values and traits.</summary>
public partial class ProfilesPage
{
    private const string AnyType = "";
    private const string CustomType = "custom";

    private static readonly (string Value, string Label)[] SearchTypes =
    [
        (AnyType, "Any identifier or trait"), ("user_id", "user_id"), ("anonymous_id", "anonymous_id"), ("email", "email"), ("phone", "phone"),
        (CustomType, "Custom id type…"),
    ];

    private List<ProfileSummaryDto> _items = [];
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private string _type = AnyType;
    private string? _customType;
    private string? _text;
    private string? _searched;
    private string? _next;
    private bool _loading = true;

    [Inject]
    private ProfileSearchService Search { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await SearchAsync();
    }

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private void TypeChanged(string type) => (_type, _errors) = (type, new Dictionary<string, string[]>());

    private async Task KeyUpAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Enter")
        {
            await SearchAsync();
        }
    }

    private async Task ClearAsync()
    {
        (_text, _type, _customType) = (null, AnyType, null);
        await SearchAsync();
    }

    private async Task SearchAsync()
    {
        _loading = true;
        _errors = new Dictionary<string, string[]>();
        var text = string.IsNullOrWhiteSpace(_text) ? null : _text.Trim();
        if (_type == AnyType || text is null)
        {
            var page = await Search.SearchAsync(await AccessAsync(), text, null);
            (_items, _next, _searched) = ([.. page.Items], page.NextCursor, text);
        }
        else
        {
            var type = _type == CustomType ? _customType : _type;
            var found = await Search.FindAsync(await AccessAsync(), type, text);
            _errors = found.Errors ?? new Dictionary<string, string[]>();
            (_items, _next, _searched) = ([.. found.Value?.Items ?? []], null, $"{type}: {text}");
        }

        _loading = false;
    }

    private async Task MoreAsync()
    {
        var page = await Search.SearchAsync(await AccessAsync(), _searched, _next);
        _items.AddRange(page.Items);
        _next = page.NextCursor;
    }
}
