using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>Spam defence of public forms.</summary>
internal sealed class FormOptions : ISettingsSection
{
    public static string Section => "Forms";

    /// <summary>A form posted sooner than this after it was shown is held as spam (people take longer to type).</summary>
    public int MinFillSeconds { get; set; } = 3;

    /// <summary>More submissions than this from one client address within an hour are held as spam.</summary>
    public int MaxPerAddressPerHour { get; set; } = 20;
}
