using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Dashboards;

/// <summary>One saved insight's answer drawn small: a line for a trend, bars for a funnel, a table for retention, numbers for the web.</summary>
public partial class DashboardTileView
{
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private BarChartOptions _axis = new();

    [Parameter, EditorRequired]
    public DashboardTile Tile { get; set; } = default!;

    /// <summary>The tile's answer; null while it is being asked.</summary>
    [Parameter]
    public TileData? Data { get; set; }

    /// <summary>The tile's own buttons (edit mode).</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    protected override void OnParametersSet()
    {
        if (Data?.Trends is { } trend)
        {
            var points = trend.Series.Count > 0 ? trend.Series[0].Points : [];
            _labels = [.. points.Select((p, i) => i % Math.Max(1, points.Count / 6) == 0 ? p.T.ToString("d MMM", CultureInfo.CurrentCulture) : "")];
            _series = [.. trend.Series.Take(6).Select(s => new ChartSeries<double> { Name = s.Label, Data = s.Points.Select(p => (double)p.Value).ToArray() })];
        }
        else if (Data?.Funnel is { } funnel)
        {
            _labels = [.. funnel.Steps.Select((s, i) => $"{i + 1}. {s.Event}")];
            _series = [new() { Name = "People", Data = funnel.Steps.Select(s => (double)s.Count).ToArray() }];
            _axis = AxisSteps.BarsUpTo(_series.SelectMany(s => s.Data.Values));
        }
    }
}
