namespace CrmCdp.Web.Platform.Settings;

/// <summary>A typed configuration section; <see cref="Section"/> is its path ("Cdp:Resolution" is set as <c>Cdp__Resolution__…</c>).</summary>
internal interface ISettingsSection
{
    static abstract string Section { get; }
}
