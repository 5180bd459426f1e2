using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Modules.Marketing.Email;

/// <summary>Marketing email across journeys and campaigns (<c>Marketing</c> settings section).</summary>
internal sealed class MarketingOptions : ISettingsSection
{
    public static string Section => "Marketing";

    /// <summary>At most this many marketing emails per person in any 7 days, journeys and campaigns together (0: no cap).</summary>
    public int MaxEmailsPerPersonPerWeek { get; set; }
}
