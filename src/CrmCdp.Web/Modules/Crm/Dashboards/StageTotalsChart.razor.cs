using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Dashboards;

/// <summary>Open deals per stage: amount and weighted amount as bars, with the numbers below.</summary>
public partial class StageTotalsChart
{
    private List<ChartSeries<double>> _series = [];
    private string[] _stages = [];
    private BarChartOptions _axis = new();

    [Parameter, EditorRequired]
    public IReadOnlyList<StageTotal> Stages { get; set; } = [];

    [Parameter, EditorRequired]
    public string Currency { get; set; } = "";

    [Parameter]
    public string? TestId { get; set; }

    protected override void OnParametersSet()
    {
        _stages = [.. Stages.Select(s => s.Stage)];
        _series =
        [
            new() { Name = "Amount", Data = Stages.Select(s => (double)s.Amount).ToArray() },
            new() { Name = "Weighted", Data = Stages.Select(s => (double)s.Weighted).ToArray() },
        ];
        _axis = AxisSteps.BarsUpTo(_series.SelectMany(s => s.Data.Values));
    }
}
