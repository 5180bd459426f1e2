using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.Dashboards;

/// <summary>A rep's home: this and next month against quota, the tasks the CDP handed them, and their pipeline by stage.</summary>
public partial class SalesRepPanel
{
    private RepDashboard? _dashboard;
    private bool _loaded;

    [Inject]
    private SalesDashboards Dashboards { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _dashboard = await Dashboards.RepAsync(await AccessAsync());
        _loaded = true;
    }

    internal static double Percent(decimal value, decimal? of) => of is > 0 ? Math.Min(100, (double)(100 * value / of.Value)) : 0;

    internal static string MonthName(string month) =>
        DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.CurrentCulture);
}
