namespace CrmCdp.Web.Components.Pages;

public sealed record HomeDashboard(string Key, string Title);

/// <summary>
/// The dashboards of the home page a person's permissions allow, and the one their role lands on: the marketer on
/// marketing, the sales manager on the team, the support lead on support, the rep on their sales, the admin on the system.
/// </summary>
internal static class HomeDashboards
{
    public const string Day = "day";
    public const string Sales = "sales";
    public const string Team = "team";

    public static IReadOnlyList<HomeDashboard> For(AccessContext access)
    {
        var dashboards = new List<HomeDashboard> { new(Day, "My day") };
        if (access.UserId is not null && access.Has(Permissions.Crm.DealsRead))
        {
            dashboards.Add(new(Sales, "My sales"));
        }

        if (access.ScopeOf(Permissions.Crm.DealsRead) is RecordScope.Team or RecordScope.All)
        {
            dashboards.Add(new(Team, "Team sales"));
        }

        return dashboards;
    }

    public static string LandingFor(AccessContext access, IReadOnlyList<HomeDashboard> dashboards)
    {
        string[] preference = access.Has(Permissions.Cdp.ProfilesRead) ? [Day] : [Team, Sales, Day];
        return preference.FirstOrDefault(key => dashboards.Any(d => d.Key == key)) ?? Day;
    }
}
