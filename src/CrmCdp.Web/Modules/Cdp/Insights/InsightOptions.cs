using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Modules.Cdp.Insights;

internal sealed class InsightOptions : ISettingsSection
{
    public static string Section => "Cdp:Insights";

    /// <summary>
    /// Count people per day, week or month from the daily rollups once the stored events outnumber the rollup rows this
    /// many times; below it the events' (name, time) index reads fewer rows (each rollup row stands for two moments and
    /// needs a heap fetch: at one event per person a day, the rollups are 3x slower, docs/benchmarks/insights.txt).
    /// 0 always reads the rollups.
    /// </summary>
    public double RollupsFromEventsPerRow { get; set; } = 4;
}
