using System.Globalization;
using CrmCdp.Web.Modules.Marketing.Performance;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Marketing.Contracts;

/// <summary>Campaign and journey performance, published by marketing for the home page and the insights.</summary>
public sealed partial class MarketingPerformancePanel
{
    private MarketingPerformanceDto? _performance;
    private List<ChartSeries<double>> _campaignSeries = [];
    private string[] _campaignNames = [];
    private BarChartOptions _campaignAxis = new();

    [Inject]
    private MarketingPerformance Performance { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var p = _performance = await Performance.LatestAsync(await AccessAsync());
        _campaignNames = [.. p.Campaigns.Select(c => c.Name)];
        _campaignSeries =
        [
            new() { Name = "Sent", Data = p.Campaigns.Select(c => (double)c.Sent).ToArray() },
            new() { Name = "Opened", Data = p.Campaigns.Select(c => (double)c.Opened).ToArray() },
            new() { Name = "Clicked", Data = p.Campaigns.Select(c => (double)c.Clicked).ToArray() },
        ];
        _campaignAxis = AxisSteps.BarsUpTo(_campaignSeries.SelectMany(s => s.Data.Values));
    }

    private static string Share(int part, int of) => of == 0 ? "" : $"({((double)part / of).ToString("P0", CultureInfo.CurrentCulture)})";
}
