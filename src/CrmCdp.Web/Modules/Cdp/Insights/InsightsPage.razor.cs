using CrmCdp.Web.Modules.Cdp.Segments;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>Trends and funnels asked in plain fields, answered with a chart first and the numbers below, on the user's clock.</summary>
public sealed partial class InsightsPage
{
    private readonly List<SegmentCondition> _funnelSteps = [Step("Product Viewed"), Step("Order Completed")];
    private readonly TrendsForm _trends = new();
    private readonly InsightQuestion _question = new();
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private FunnelResult? _funnel;
    private FunnelRequest? _funnelRequest;
    private string? _funnelBreakdown;
    private bool _seesPeople;
    private bool _seesCampaigns;
    private List<ChartSeries<double>> _funnelSeries = [];
    private string[] _funnelLabels = [];
    private BarChartOptions _funnelAxis = new();
    private int _days = 30;
    private int _windowDays = 7;
    private int _tab;
    private RetentionResult? _retention;
    private List<ChartSeries<double>> _retentionSeries = [];
    private string[] _retentionLabels = [];
    private string? _startEvent = "Signed Up";
    private string? _returnEvent = "Product Viewed";
    private string _cohortInterval = "week";
    private int _periods = 8;

    [Inject]
    private Funnels Funnels { get; set; } = default!;

    [Inject]
    private Retention Retention { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private static TimeZoneInfo Zone => UserTime.Zone;

    protected override async Task OnInitializedAsync()
    {
        var access = await AccessAsync();
        (_seesPeople, _seesCampaigns) = (access.Has(Permissions.Cdp.ProfilesRead), access.Has(Permissions.Marketing.EmailManage));
    }

    private async Task ShowFunnelAsync()
    {
        var asked = _question.Ask();
        try
        {
            var to = Time.GetUtcNow();
            var request = new FunnelRequest
            {
                Steps = [.. _funnelSteps.Select(s => new InsightEvent { Event = s.Event?.Trim(), Where = s.Where is { Count: > 0 } where ? [.. where] : null })],
                Window = new InsightWindow { Amount = _windowDays, Unit = "days" },
                From = to.AddDays(-_days),
                To = to,
                TimeZone = Zone.Id,
                Breakdown = string.IsNullOrWhiteSpace(_funnelBreakdown) ? null : new InsightBreakdown { Property = _funnelBreakdown.Trim() },
            };
            _funnelRequest = request;
            var answer = await Funnels.RunAsync(await AccessAsync(), request, asked);
            (_errors, _funnel) = (answer.Errors ?? new Dictionary<string, string[]>(), answer.Value);
            if (answer.Value is { } funnel)
            {
                _funnelLabels = [.. funnel.Steps.Select((s, i) => $"{i + 1}. {s.Event}")];
                _funnelSeries = [new ChartSeries<double> { Name = "People", Data = funnel.Steps.Select(s => (double)s.Count).ToArray() }];
                _funnelAxis = Platform.Charts.AxisSteps.BarsUpTo(_funnelSeries.SelectMany(s => s.Data.Values));
            }
        }
        catch (OperationCanceledException)
        {
            // A newer question replaced this one (or the page closed): its answer is not wanted.
        }
        finally
        {
            _question.Answered(asked);
        }
    }

    public void Dispose() => _question.Dispose();

    /// <summary>A funnel step as the segment builder's event condition, so its filter editor edits the step's property filters.</summary>
    private static SegmentCondition Step(string? name) => new() { Type = ConditionTypes.Event, Event = name };

    private async Task SaveTileAsync(string kind, object query, int days, string? title) =>
        await Dialogs.ShowAsync<Dashboards.SaveToDashboardDialog>("Save to a dashboard", new DialogParameters<Dashboards.SaveToDashboardDialog>
        {
            { d => d.Kind, kind }, { d => d.Query, query }, { d => d.LastDays, days }, { d => d.Title, title },
        });

    private async Task ShowPeopleAsync(int step, bool converted)
    {
        var request = new FunnelPeopleRequest
        {
            Steps = _funnelRequest!.Steps,
            Window = _funnelRequest.Window,
            From = _funnelRequest.From,
            To = _funnelRequest.To,
            TimeZone = _funnelRequest.TimeZone,
            Step = step,
            Status = converted ? "converted" : "dropped",
        };
        var title = $"{(converted ? "Reached" : "Dropped before")} step {step + 1}: {request.Steps![step].Event}";
        await Dialogs.ShowAsync<FunnelPeopleDialog>(title, new DialogParameters<FunnelPeopleDialog> { { d => d.Request, request } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
    }

    private async Task ShowRetentionAsync()
    {
        var asked = _question.Ask();
        try
        {
            var to = Time.GetUtcNow();
            var request = new RetentionRequest
            {
                StartEvent = new InsightEvent { Event = _startEvent?.Trim() },
                ReturnEvent = new InsightEvent { Event = _returnEvent?.Trim() },
                Interval = _cohortInterval,
                Periods = _periods,
                From = to.AddDays(-(_cohortInterval == "day" ? 1 : 7) * _periods),
                To = to,
                TimeZone = Zone.Id,
            };
            var answer = await Retention.RunAsync(await AccessAsync(), request, asked);
            (_errors, _retention) = (answer.Errors ?? new Dictionary<string, string[]>(), answer.Value);
            if (answer.Value is { } retention)
            {
                // The curve: of everyone whose period k has come, the share who came back in it (periods still to come left out).
                var come = Enumerable.Range(0, _periods).Count(k => retention.Cohorts.Any(c => c.Values[k] is not null));
                _retentionLabels = [.. Enumerable.Range(0, come).Select(k => $"{_cohortInterval} {k}")];
                _retentionSeries =
                [
                    new ChartSeries<double>
                    {
                        Name = "Came back, %",
                        Data = Enumerable.Range(0, come).Select(k =>
                        {
                            var known = retention.Cohorts.Where(c => c.Values[k] is not null).ToList();
                            var size = known.Sum(c => c.Size);
                            return size == 0 ? 0 : 100.0 * known.Sum(c => c.Values[k]!.Value) / size;
                        }).ToArray(),
                    },
                ];
            }
        }
        catch (OperationCanceledException)
        {
            // A newer question replaced this one (or the page closed): its answer is not wanted.
        }
        finally
        {
            _question.Answered(asked);
        }
    }

    private static string Shade(long? value, long size) =>
        value is { } v && size > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"text-align: right; background: rgba(89, 74, 226, {0.08 + (0.6 * v / size):0.00})")
            : "text-align: right";

    private static string Duration(double? seconds) => seconds switch
    {
        null => "—",
        < 60 => $"{seconds:N0} s",
        < 3600 => $"{seconds / 60:N0} min",
        < 86400 => $"{seconds / 3600:N1} h",
        _ => $"{seconds / 86400:N1} days",
    };
}
