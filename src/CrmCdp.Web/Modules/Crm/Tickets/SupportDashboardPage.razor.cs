using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Tickets;

public partial class SupportDashboardPage
{
    private SupportDashboard? _dashboard;
    private List<ChartSeries<double>> _statusSeries = [];
    private List<ChartSeries<double>> _prioritySeries = [];
    private List<ChartSeries<double>> _complianceSeries = [];
    private string[] _statusLabels = [];
    private string[] _priorityLabels = [];
    private string[] _weeks = [];

    [Inject]
    private SupportStats Stats { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var d = _dashboard = await Stats.DashboardAsync(await AccessAsync());
        _statusLabels = [.. d.OpenByStatus.Select(s => TicketUi.Label(s.Key))];
        _statusSeries = [new() { Name = "Tickets", Data = d.OpenByStatus.Select(s => (double)s.Count).ToArray() }];
        _priorityLabels = [.. d.OpenByPriority.Select(s => TicketUi.Label(s.Key))];
        _prioritySeries = [new() { Name = "Tickets", Data = d.OpenByPriority.Select(s => (double)s.Count).ToArray() }];
        _weeks = [.. d.Compliance.Select(c => c.Week.ToString("dd MMM", System.Globalization.CultureInfo.CurrentCulture))];
        _complianceSeries = [new() { Name = "Met, %", Data = d.Compliance.Select(c => c.Percent).ToArray() }];
    }
}
