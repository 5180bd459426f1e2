using System.Globalization;
using CrmCdp.Web.Modules.Cdp.Dashboards;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Insights;

public sealed partial class TrendsPanel
{
    [Parameter, EditorRequired]
    public TrendsForm Form { get; set; } = default!;

    [Parameter, EditorRequired]
    public InsightQuestion Question { get; set; } = default!;

    [Inject]
    private Trends Trends { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private async Task ShowAsync()
    {
        var asked = Question.Ask();
        try
        {
            var to = Time.GetUtcNow();
            var request = new TrendRequest
            {
                Series = [new TrendSeries { Event = Form.Event.Event?.Trim(), Where = Form.Event.Where is { Count: > 0 } where ? [.. where] : null, Math = Form.Math }],
                Interval = Form.Interval,
                From = to.AddDays(-Form.Days),
                To = to,
                TimeZone = UserTime.Zone.Id,
                Breakdown = string.IsNullOrWhiteSpace(Form.Breakdown) ? null : new InsightBreakdown { Property = Form.Breakdown.Trim() },
                Compare = Form.Compare,
            };
            var answer = await Trends.RunAsync(await AccessAsync(), request, asked);
            (Form.Request, Form.Errors, Form.Answer) = (request, answer.Errors ?? new Dictionary<string, string[]>(), answer.Value);
            if (answer.Value is { } trend)
            {
                var points = trend.Series.Count > 0 ? trend.Series[0].Points : [];
                var every = Math.Max(1, points.Count / 12);
                Form.Labels = [.. points.Select((p, i) => i % every == 0 ? InsightAccess.Label(p.T, request.Interval!) : "")];
                Form.Series = [.. trend.Series.Select(s => new ChartSeries<double> { Name = s.Label, Data = s.Points.Select(p => (double)p.Value).ToArray() })];
                Form.Axis = AxisSteps.BarsUpTo(Form.Series.SelectMany(s => s.Data.Values));
            }
        }
        catch (OperationCanceledException)
        {
            // A newer question replaced this one (or the page closed): its answer is not wanted.
        }
        finally
        {
            Question.Answered(asked);
        }
    }

    private static TrendLine? Previous(TrendResult trend, TrendLine line) =>
        trend.Series.FirstOrDefault(l => l.Previous && l.Label == $"{line.Label} (previous period)");

    private static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private static string Change(long now, long before) =>
        before == 0 ? (now == 0 ? "—" : "new") : ((double)(now - before) / before).ToString("+0%;-0%;0%", CultureInfo.CurrentCulture);

    private async Task SaveAsync() =>
        await Dialogs.ShowAsync<SaveToDashboardDialog>("Save to a dashboard", new DialogParameters<SaveToDashboardDialog>
        {
            { d => d.Kind, TileKinds.Trends }, { d => d.Query, Form.Request! }, { d => d.LastDays, Form.Days }, { d => d.Title, Form.Request!.Series![0].Event },
        });
}
