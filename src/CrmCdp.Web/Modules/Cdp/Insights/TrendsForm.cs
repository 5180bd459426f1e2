using CrmCdp.Web.Modules.Cdp.Segments;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>What the Trends tab asked and answered, kept by the page so switching tabs loses neither.</summary>
public sealed class TrendsForm
{
    /// <summary>The event and its property filters (<see cref="SegmentCondition.Where"/>), edited by the segment builder's filter editor.</summary>
    public SegmentCondition Event { get; } = new() { Type = ConditionTypes.Event, Event = "Product Viewed" };

    public string Math { get; set; } = InsightMath.Total;

    public string Interval { get; set; } = "day";

    public int Days { get; set; } = 30;

    public string? Breakdown { get; set; }

    public bool Compare { get; set; }

    /// <summary>line, bar or number.</summary>
    public string View { get; set; } = TrendViews.Line;

    public TrendRequest? Request { get; set; }

    public TrendResult? Answer { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    public List<ChartSeries<double>> Series { get; set; } = [];

    public string[] Labels { get; set; } = [];

    public BarChartOptions Axis { get; set; } = new();
}

public static class TrendViews
{
    public const string Line = "line";
    public const string Bar = "bar";
    public const string Number = "number";
}
