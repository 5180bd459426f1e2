using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>The Web tab of Insights: what the page events of a recent range say about visitors and where they came from.</summary>
public sealed partial class WebAnalyticsPanel
{
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private WebAnalyticsResult? _web;
    private int _days = 7;
    private bool _busy;
    private List<MudBlazor.ChartSeries<double>> _deviceSeries = [];
    private string[] _deviceLabels = [];

    [Inject]
    private WebAnalytics Web { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private async Task ShowAsync()
    {
        _busy = true;
        try
        {
            var to = Time.GetUtcNow();
            var answer = await Web.RunAsync(await AccessAsync(), to.AddDays(-_days), to);
            (_errors, _web) = (answer.Errors ?? new Dictionary<string, string[]>(), answer.Value);
            if (answer.Value is { } web)
            {
                _deviceLabels = [.. web.Devices.Select(d => d.Value)];
                _deviceSeries = [new() { Name = "Visitors", Data = web.Devices.Select(d => (double)d.Count).ToArray() }];
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
