namespace CrmCdp.Web.Components.Pages;

public sealed record HomeDashboard(string Key, string Title);

/// <summary>
/// The dashboards of the home page a person's permissions allow, and the one their role lands on: the marketer on
/// marketing, the sales manager on the team, the support lead on support, the admin on the system, and everyone else on their day (a rep's day includes their own sales).
/// </summary>
internal static class HomeDashboards
{
    public const string Day = "day";
    public const string Team = "team";
    public const string Support = "support";
    public const string Marketing = "marketing";
    public const string System = "system";

    public static IReadOnlyList<HomeDashboard> For(AccessContext access)
    {
        var dashboards = new List<HomeDashboard> { new(Day, "My day") };
        if (access.Has(Permissions.Cdp.InsightsRead) && access.Has(Permissions.Cdp.SegmentsRead))
        {
            dashboards.Add(new(Marketing, "Marketing"));
        }

        if (access.ScopeOf(Permissions.Crm.DealsRead) is RecordScope.Team or RecordScope.All)
        {
            dashboards.Add(new(Team, "Team sales"));
        }

        if (access.ScopeOf(Permissions.Crm.TicketsRead) is RecordScope.Team or RecordScope.All)
        {
            dashboards.Add(new(Support, "Support"));
        }

        if (access.Has(Permissions.Admin.Jobs) && access.Has(Permissions.Cdp.ProfilesRead))
        {
            dashboards.Add(new(System, "System"));
        }

        return dashboards;
    }

    /// <summary>Whether "My day" carries the person's own sales: those who sell (create deals), not those who only read them.</summary>
    public static bool Sells(AccessContext access) => access.UserId is not null && access.Has(Permissions.Crm.DealsCreate);

    public static string LandingFor(AccessContext access, IReadOnlyList<HomeDashboard> dashboards)
    {
        string[] preference = [System, Marketing, Team, Support, Day];
        return preference.FirstOrDefault(key => dashboards.Any(d => d.Key == key)) ?? Day;
    }
}
