using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Platform.ContactPoints;

internal sealed class ContactPointOptions : ISettingsSection
{
    public static string Section => "Crm";

    /// <summary>Two-letter country used to read phone numbers written without a country code.</summary>
    public string DefaultPhoneRegion { get; set; } = "US";
}
