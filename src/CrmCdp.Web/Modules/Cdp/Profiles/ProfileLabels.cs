namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>How pages name profiles.</summary>
internal static class ProfileLabels
{
    /// <summary>The end of the id: profile ids are version 7 GUIDs, whose first digits are a timestamp shared by profiles created together.</summary>
    public static string Short(Guid id) => id.ToString("N")[^8..];
}
