using CrmCdp.Web.Modules.Crm.Quotas;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Dashboards;

/// <summary>A sales manager's home: the team's forecast against quota, pipeline by stage, each rep's results and the rotting deals.</summary>
public partial class SalesManagerPanel
{
    private ManagerDashboard? _dashboard;
    private bool _loaded;
    private string _month = "";
    private List<ChartSeries<double>> _activitySeries = [];
    private string[] _reps = [];
    private BarChartOptions _activityAxis = new();

    [Inject]
    private SalesDashboards Dashboards { get; set; } = default!;

    [Inject]
    private QuotaService Quotas { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _month = QuotaService.FormatMonth(Quotas.ThisMonth());
        _dashboard = await Dashboards.ManagerAsync(await AccessAsync());
        var reps = _dashboard?.Reps.Take(12).ToList() ?? [];
        _reps = [.. reps.Select(r => r.Name)];
        _activitySeries =
        [
            new() { Name = "Activities", Data = reps.Select(r => (double)r.Activities).ToArray() },
            new() { Name = "Won", Data = reps.Select(r => (double)r.Won).ToArray() },
        ];
        _activityAxis = AxisSteps.BarsUpTo(_activitySeries.SelectMany(s => s.Data.Values));
        _loaded = true;
    }
}
