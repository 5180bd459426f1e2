using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Platform.Security;

internal sealed class ForwardedHeadersSettings : ISettingsSection
{
    public static string Section => "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies whose forwarded headers count.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>CIDR networks of such proxies, e.g. a Docker network.</summary>
    public string[] KnownNetworks { get; set; } = [];
}
