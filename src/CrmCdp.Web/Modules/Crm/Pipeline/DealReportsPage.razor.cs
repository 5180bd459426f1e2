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

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var access = await AccessAsync();
        var from = Reports.ThisMonth();
        _forecast = await Reports.ForecastAsync(access, _pipelineId, from, 6, _teamId);
        _stats = await Reports.StatsAsync(access, _pipelineId, Time.GetUtcNow().AddDays(-90));
        var months = Enumerable.Range(0, 6).Select(from.AddMonths).ToList();
        _months = [.. months.Select(m => m.ToString("MMM yy", System.Globalization.CultureInfo.CurrentCulture))];
        double[] Per(Func<ForecastRow, decimal> value) => [.. months.Select(m => (double)_forecast.Where(r => r.Month == m).Sum(value))];
        _forecastSeries =
        [
            new() { Name = "Committed (won)", Data = Per(r => r.Committed) },
            new() { Name = "Weighted pipeline", Data = Per(r => r.Weighted) },
            new() { Name = "Best case", Data = Per(r => r.BestCase) },
        ];
        _stageNames = [.. (_stats?.Conversion ?? []).Select(c => c.Stage)];
        _conversionSeries = [new() { Name = "Moved on, %", Data = (_stats?.Conversion ?? []).Select(c => c.Rate).ToArray() }];
        _reps = [.. (_stats?.ActivitiesPerRep ?? []).Take(10).Select(r => r.Name)];
        _activitySeries = [new() { Name = "Activities", Data = (_stats?.ActivitiesPerRep ?? []).Take(10).Select(r => (double)r.Activities).ToArray() }];
    }
}
