using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>A marketer's home: event volume, the largest segments and their move, the activation funnel and the sources' health.</summary>
public partial class MarketerPanel
{
    private MarketerDashboard? _dashboard;
    private bool _loaded;
    private List<ChartSeries<double>> _volumeSeries = [];
    private string[] _days = [];
    private List<ChartSeries<double>> _activationSeries = [];
    private readonly string[] _activationStages = ["Entered", "Tasked", "Deal created", "Won"];
    private BarChartOptions _activationAxis = new();

    [Inject]
    private MarketerDashboards Dashboards { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var d = _dashboard = await Dashboards.MarketerAsync(await AccessAsync(), UserTime.Zone);
        _loaded = true;
        if (d is null)
        {
            return;
        }

        _days = [.. d.EventVolume.Select(v => v.Day.ToString("d MMM", CultureInfo.CurrentCulture))];
        _volumeSeries = [new() { Name = "Events", Data = d.EventVolume.Select(v => (double)v.Count).ToArray() }];
        _activationSeries =
        [
            new()
            {
                Name = "All activated segments",
                Data = new[] { d.Activation.Sum(a => (double)a.Entered), d.Activation.Sum(a => (double)a.Tasked), d.Activation.Sum(a => (double)a.DealsCreated), d.Activation.Sum(a => (double)a.DealsWon) },
            },
        ];
        _activationAxis = AxisSteps.BarsUpTo(_activationSeries.SelectMany(s => s.Data.Values));
    }
}
