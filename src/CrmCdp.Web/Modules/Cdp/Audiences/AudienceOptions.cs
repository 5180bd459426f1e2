using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Modules.Cdp.Audiences;

internal sealed class AudienceOptions : ISettingsSection
{
    public static string Section => "Cdp:Audiences";

    /// <summary>Run the evaluator in this process (every instance may; the segments' advisory lock lets one work at a time).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Profiles taken from the queue and evaluated against every segment in one transaction.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>How long the evaluator sleeps when the queue is empty.</summary>
    public int IdleMilliseconds { get; set; } = 250;

    /// <summary>How often the sweep queues the profiles whose window edges passed (at most a minute).</summary>
    public int SweepSeconds { get; set; } = 30;
}
