using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.MyDay;
using CrmCdp.Web.Modules.Crm.Pipeline;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Modules.Crm.Tickets;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Components.Pages;

/// <summary>The person's day at a glance: their tasks due, deals closing this month and tickets by deadline, each as their role allows.</summary>
public partial class Home
{
    private static readonly HomeArea[] Areas =
    [
        new("crm", "CRM", "/crm", Permissions.Crm.ContactsRead, Icons.Material.Filled.Handshake),
        new("tickets", "Helpdesk", "/crm/tickets", Permissions.Crm.TicketsRead, Icons.Material.Filled.SupportAgent),
        new("cdp", "CDP", "/cdp", Permissions.Cdp.ProfilesRead, Icons.Material.Filled.Hub),
        new("admin", "Admin", "/admin/users", Permissions.Admin.UsersManage, Icons.Material.Filled.AdminPanelSettings),
    ];

    private string _name = "";
    private IReadOnlySet<string> _permissions = new HashSet<string>();
    private IReadOnlyList<TaskDto>? _tasks;
    private IReadOnlyList<DealDto>? _deals;
    private IReadOnlyList<TicketDto>? _tickets;
    private DateTimeOffset _now;
    private IReadOnlyList<HomeDashboard> _dashboards = [];
    private int _tab;
    private bool _sells;

    /// <summary>The dashboard to open (<c>?dashboard=team</c>); without it, the one of the person's role.</summary>
    [SupplyParameterFromQuery]
    public string? Dashboard { get; set; }

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    [Inject]
    private MyDayService MyDay { get; set; } = default!;

    [Inject]
    private DealsOfRecord Deals { get; set; } = default!;

    [Inject]
    private TicketQueue Tickets { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var access = await AccessAsync();
        _now = Time.GetUtcNow();
        _name = (access.UserId is { } me ? (await Users.NamesAsync([me])).GetValueOrDefault(me) : null) ?? access.ActorName ?? "";
        _permissions = PermissionsOf(access);
        _dashboards = HomeDashboards.For(access);
        _sells = HomeDashboards.Sells(access);
        var open = Dashboard is { } wanted && _dashboards.Any(d => d.Key == wanted) ? wanted : HomeDashboards.LandingFor(access, _dashboards);
        _tab = _dashboards.Select(d => d.Key).ToList().IndexOf(open);
        _tasks = access.Has(Permissions.Crm.TasksRead) ? await MyDay.DueTasksAsync(access) : null;
        _deals = access.Has(Permissions.Crm.DealsRead) ? await MyDay.DealsClosingThisMonthAsync(access, Deals) : null;
        _tickets = access.Has(Permissions.Crm.TicketsRead) ? await Tickets.ListAsync(access, new TicketQueueQuery("mine", Sort: "due"), 5) : null;
    }

    private static HashSet<string> PermissionsOf(AccessContext access) => [.. Areas.Select(a => a.Permission).Where(access.Has)];

    private sealed record HomeArea(string Key, string Title, string Href, string Permission, string Icon);
}
