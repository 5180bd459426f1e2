using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>
/// What the contact did on the website and in the app (from the linked CDP profile): intent score, recent and top
/// events, traits and segments. Reps see it for the contacts they can see; only CDP users open the full profile.
/// </summary>
public partial class ContactBehaviourPanel
{
    private bool _canSeeBehaviour;
    private bool _opensProfiles;
    private Cdp.Contracts.ContactProfileSummary? _profile;

    [Parameter, EditorRequired]
    public Guid ContactId { get; set; }

    [Inject]
    private Cdp.Contracts.IContactProfiles Profiles { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var access = await AccessAsync();
        _opensProfiles = access.Has(Permissions.Cdp.ProfilesRead);
        _canSeeBehaviour = _opensProfiles || access.Has(Permissions.Cdp.LinkedProfilesRead);
        _profile = _canSeeBehaviour ? await Profiles.ForContactAsync(access, ContactId) : null;
    }
}
