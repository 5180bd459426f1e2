using CrmCdp.Web.Modules.Cdp.Sources;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>One unified profile: identifiers, traits with their origin, events, merge history, CRM link; data stewards split bad merges.</summary>
public partial class ProfilePage
{
    private List<BreadcrumbItem> _crumbs = [];
    private ProfileDto? _profile;
    private IReadOnlyList<ProfileMergeDto> _merges = [];
    private IReadOnlyDictionary<Guid, string> _sourceNames = new Dictionary<Guid, string>();
    private SplitResult? _split;
    private bool _loading = true;
    private int _version;
    private bool _seesPii;
    private bool _canCreateContact;
    private IReadOnlyList<TraitChangeDto> _traitHistory = [];
    private string? _contactProblem;
    private bool _canEdit;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private ProfileQueries Profiles { get; set; } = default!;

    [Inject]
    private TraitHistory Traits { get; set; } = default!;

    [Inject]
    private ProfileSplitter Splitter { get; set; } = default!;

    [Inject]
    private ProfileContacts Contacts { get; set; } = default!;

    [Inject]
    private SourceService Sources { get; set; } = default!;

    private string Title => _profile is null ? "Profile"
        : _profile.Identifiers.FirstOrDefault(i => i.Type != Identity.IdentifierTypes.AnonymousId)?.Value ?? $"Anonymous profile {ProfileLabels.Short(_profile.Id)}";

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _split = null;
        var access = await AccessAsync();
        (_seesPii, _canEdit) = (access.Has(Permissions.Privacy.PiiView), access.Has(Permissions.Cdp.ProfilesEdit));
        _canCreateContact = access.Has(Permissions.Crm.ContactsCreate);
        _sourceNames = (await Sources.ListAsync(access)).ToDictionary(s => s.Id, s => s.Name);
        await LoadAsync();
        _loading = false;
    }

    /// <summary>The consent state as chips: each event category, then email and SMS from the linked contact.</summary>
    private List<(string Name, bool Granted)> ConsentChips()
    {
        var chips = new List<(string, bool)>();
        var consent = _profile!.Consent;
        if (consent.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return chips;
        }

        if (consent.TryGetProperty("categoryPreferences", out var preferences) && preferences.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            chips.AddRange(preferences.EnumerateObject().Where(p => p.Value.ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
                .Select(p => (p.Name, p.Value.GetBoolean())));
        }

        foreach (var channel in new[] { "email", "sms" })
        {
            if (consent.TryGetProperty(channel, out var value) && value.ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
            {
                chips.Add(($"{channel} (CRM)", value.GetBoolean()));
            }
        }

        return chips;
    }

    /// <summary>One click: a CRM contact from this known profile (its email, phone and name), linked to it.</summary>
    private async Task CreateContactAsync()
    {
        var result = await Contacts.CreateContactAsync(await AccessAsync(), _profile!.Id);
        _contactProblem = result.Value is { } created && created != Guid.Empty
            ? null
            : result.Errors?.Values.SelectMany(m => m).FirstOrDefault() ?? result.Message ?? "The contact could not be created.";
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var access = await AccessAsync();
        _profile = (await Profiles.GetAsync(access, Id)).Value;
        _version++;
        _merges = _profile is null ? [] : (await Profiles.MergesAsync(access, _profile.Id)).Value ?? [];
        _traitHistory = _profile is null ? [] : (await Traits.OfAsync(access, _profile.Id)).Value ?? [];
        _crumbs = [new("Profiles", "/cdp/profiles"), new(Title, null, disabled: true)];
    }

    private static Color ColorOf(string type) => type switch
    {
        Identity.IdentifierTypes.UserId => Color.Primary,
        Identity.IdentifierTypes.Email or Identity.IdentifierTypes.Phone => Color.Info,
        Identity.IdentifierTypes.AnonymousId => Color.Default,
        _ => Color.Secondary,
    };

    private async Task SplitAsync()
    {
        if (_profile is null)
        {
            return;
        }

        // The dialog shows what this user may see; the values the split needs stay on the server (in this circuit).
        if ((await Splitter.CandidatesAsync(await AccessAsync(), _profile.Id)).Value is not { } candidates)
        {
            return;
        }

        var parameters = new DialogParameters<SplitProfileDialog>
        {
            { d => d.ProfileId, _profile.Id },
            { d => d.Candidates, candidates },
            { d => d.SeesPii, _seesPii },
        };
        var dialog = await Dialogs.ShowAsync<SplitProfileDialog>("Split profile", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: SplitResult result })
        {
            await LoadAsync();
            _split = result;
        }
    }
}
