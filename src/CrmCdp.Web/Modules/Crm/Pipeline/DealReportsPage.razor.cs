using CrmCdp.Web.Modules.Crm.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

public partial class DealReportsPage
{
    private IReadOnlyList<PipelineDto> _pipelines = [];
    private Guid _pipelineId;
    private Guid? _teamId;
    private IReadOnlyList<(Guid Id, string Name)> _teams = [];

    [Inject]
    private UserDirectory Teams { get; set; } = default!;
    private IReadOnlyList<ForecastRow> _forecast = [];
    private SalesStats? _stats;
    private List<ChartSeries<double>> _forecastSeries = [];
    private List<ChartSeries<double>> _conversionSeries = [];
    private List<ChartSeries<double>> _activitySeries = [];
    private string[] _months = [];
    private string[] _stageNames = [];
    private string[] _reps = [];
    private DateTime? _from;
    private DateTime? _to;
    private BarChartOptions _forecastAxis = new();
    private BarChartOptions _activityAxis = new();
    private readonly BarChartOptions _percentAxis = AxisSteps.BarsUpTo([100]);

    [Inject]
    private PipelineService Pipelines { get; set; } = default!;

    [Inject]
    private DealReports Reports { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private string Currency => _pipelines.FirstOrDefault(p => p.Id == _pipelineId)?.Currency ?? "";

    protected override async Task OnInitializedAsync()
    {
        _pipelines = await Pipelines.VisibleAsync(await AccessAsync());
        _pipelineId = _pipelines.Count > 0 ? _pipelines[0].Id : Guid.Empty;
        _teams = await Teams.TeamsAsync();
        // Past months show what was won, future ones what is expected: three back and three ahead to start with.
        var thisMonth = Reports.ThisMonth().ToDateTime(TimeOnly.MinValue);
        (_from, _to) = (thisMonth.AddMonths(-3), thisMonth.AddMonths(2));

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var access = await AccessAsync();
        var from = DateOnly.FromDateTime(_from ?? DateTime.UtcNow);
        from = new DateOnly(from.Year, from.Month, 1);
        var to = DateOnly.FromDateTime(_to ?? _from ?? DateTime.UtcNow);
        var count = Math.Clamp(((to.Year - from.Year) * 12) + to.Month - from.Month + 1, 1, 36);
        _forecast = await Reports.ForecastAsync(access, _pipelineId, from, count, _teamId);
        _stats = await Reports.StatsAsync(access, _pipelineId, Time.GetUtcNow().AddDays(-90));
        var months = Enumerable.Range(0, count).Select(from.AddMonths).ToList();
        _months = [.. months.Select(m => m.ToString("MMM yy", System.Globalization.CultureInfo.CurrentCulture))];
        double[] Per(Func<ForecastRow, decimal> value) => [.. months.Select(m => (double)_forecast.Where(r => r.Month == m).Sum(value))];
        _forecastSeries =
        [
            new() { Name = "Won", Data = Per(r => r.Committed) },
            new() { Name = "Weighted pipeline", Data = Per(r => r.Weighted) },
            new() { Name = "Best case", Data = Per(r => r.BestCase) },
        ];
        _stageNames = [.. (_stats?.Conversion ?? []).Select(c => c.Stage)];
        _conversionSeries = [new() { Name = "Moved on, %", Data = (_stats?.Conversion ?? []).Select(c => c.Rate).ToArray() }];
        _reps = [.. (_stats?.ActivitiesPerRep ?? []).Take(10).Select(r => r.Name)];
        _activitySeries = [new() { Name = "Activities", Data = (_stats?.ActivitiesPerRep ?? []).Take(10).Select(r => (double)r.Activities).ToArray() }];
        _forecastAxis = AxisSteps.BarsUpTo(_forecastSeries.SelectMany(s => s.Data.Values));
        _activityAxis = AxisSteps.BarsUpTo(_activitySeries.SelectMany(s => s.Data.Values));
    }
}
