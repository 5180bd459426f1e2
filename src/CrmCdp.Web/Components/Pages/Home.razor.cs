using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CrmCdp.Web.Components.Pages;

public partial class Home
{
    private static readonly HomeArea[] Areas =
    [
        new("crm", "CRM", "For sales reps and support agents", "/crm", Permissions.Crm.ContactsRead, Icons.Material.Filled.Handshake, Color.Primary,
            ["Contacts and companies with a 360° timeline", "Tasks, reminders and “My day”", "Deal pipeline board and forecasts", "Support tickets with SLAs", "Reports"]),
        new("cdp", "CDP", "For marketers and data teams", "/cdp", Permissions.Cdp.ProfilesRead, Icons.Material.Filled.Hub, Color.Secondary,
            ["Segment-compatible event collection", "Identity resolution into unified profiles", "Visual segment builder", "High-intent segments pushed to sales as tasks"]),
        new("admin", "Admin", "For administrators", "/admin/users", Permissions.Admin.UsersManage, Icons.Material.Filled.AdminPanelSettings, Color.Tertiary,
            ["Users, teams and roles with a permission matrix", "API keys for automation", "Audit log", "Privacy requests: access, erase, suppress"]),
    ];

    private string _name = "";
    private IReadOnlySet<string> _permissions = new HashSet<string>();

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private PermissionResolver PermissionResolver { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _name = user.Identity?.Name ?? "";
        _permissions = await PermissionResolver.GetPermissionsAsync(user);
    }

    private sealed record HomeArea(
        string Key, string Title, string Tagline, string Href, string Permission, string Icon, Color Color, string[] Holds);
}
