using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Modules.Cdp.Identity;

internal sealed class IdentityResolutionOptions : ISettingsSection
{
    public static string Section => "Cdp:Resolution";

    /// <summary>Run the resolver in this process (every instance may; an advisory lock lets one work at a time).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Events per batch, resolved in one transaction.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>How long the resolver sleeps when it has caught up.</summary>
    public int IdleMilliseconds { get; set; } = 250;

    /// <summary>Events younger than this wait for the next batch: a slower writer may still commit lower ids.</summary>
    public int SafetyLagMilliseconds { get; set; } = 500;
}
