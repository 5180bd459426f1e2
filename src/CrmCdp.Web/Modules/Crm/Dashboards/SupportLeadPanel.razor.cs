using CrmCdp.Web.Modules.Crm.Tickets;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Dashboards;

/// <summary>A support lead's home: this week's service levels, the backlog by priority and each agent's times.</summary>
public partial class SupportLeadPanel
{
    private SupportLeadDashboard? _dashboard;
    private List<ChartSeries<double>> _backlogSeries = [];
    private string[] _priorities = [];
    private BarChartOptions _backlogAxis = new();

    [Inject]
    private SupportLeadDashboards Dashboards { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _dashboard = await Dashboards.LeadAsync(await AccessAsync());
        var backlog = _dashboard?.BacklogByPriority ?? [];
        _priorities = [.. backlog.Select(b => TicketUi.Label(b.Key))];
        _backlogSeries = [new() { Name = "Open tickets", Data = backlog.Select(b => (double)b.Count).ToArray() }];
        _backlogAxis = AxisSteps.BarsUpTo(_backlogSeries.SelectMany(s => s.Data.Values));
    }
}
