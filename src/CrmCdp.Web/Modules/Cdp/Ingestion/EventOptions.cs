using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

internal sealed class EventOptions : ISettingsSection
{
    public static string Section => "Cdp:Events";

    /// <summary>
    /// Keep raw events for this many whole months before the current one; older monthly partitions are dropped by the daily
    /// event maintenance. 0 keeps every event. Profiles, the daily rollups and the merge log are kept whatever the age.
    /// </summary>
    public int RetentionMonths { get; set; }
}
