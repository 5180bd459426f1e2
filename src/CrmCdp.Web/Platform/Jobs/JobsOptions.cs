using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Platform.Jobs;

internal sealed class JobsOptions : ISettingsSection
{
    public static string Section => "Jobs";

    /// <summary>Run the Hangfire server in this process (switch off on web-only instances).</summary>
    public bool RunServer { get; set; } = true;

    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    public int QueuePollIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// Wake workers with LISTEN/NOTIFY as soon as a job is enqueued (polling stays as the fallback). Switch off behind
    /// PgBouncer in transaction mode, which cannot keep a LISTEN: jobs are then picked up by polling alone.
    /// </summary>
    public bool LongPolling { get; set; } = true;
}
