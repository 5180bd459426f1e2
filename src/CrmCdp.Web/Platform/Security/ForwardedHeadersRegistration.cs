using System.Net;
using CrmCdp.Web.Platform.Settings;
using Microsoft.AspNetCore.HttpOverrides;

namespace CrmCdp.Web.Platform.Security;

/// <summary>
/// Behind a TLS-terminating proxy the app sees http and the proxy's address. With <c>ForwardedHeaders:Enabled</c>,
/// X-Forwarded-For/-Proto/-Host are honoured, but only from the proxies listed in <c>ForwardedHeaders:KnownProxies</c>
/// (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR), loopback when none are listed: trusting anyone would
/// let a client pick its own address for the rate limits and its own host for the analytics.js settings.
/// </summary>
internal static class ForwardedHeadersRegistration
{
    public static void AddAppForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = SettingsRegistration.Read<ForwardedHeadersSettings>(configuration);
        // Parsed at startup: a mistyped proxy address stops the app with its name rather than failing each request.
        var proxies = settings.KnownProxies.Select(p => IPAddress.TryParse(p, out var address)
            ? address : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")).ToList();
        var networks = settings.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n, out var network)
            ? network : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{n}' is not a CIDR network (like 10.0.0.0/8).")).ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            if (proxies.Count + networks.Count > 0)
            {
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in proxies)
                {
                    options.KnownProxies.Add(proxy);
                }

                foreach (var network in networks)
                {
                    options.KnownIPNetworks.Add(network);
                }
            }
        });
    }

    public static void UseAppForwardedHeaders(this WebApplication app)
    {
        if (SettingsRegistration.Read<ForwardedHeadersSettings>(app.Configuration).Enabled)
        {
            app.UseForwardedHeaders();
        }
    }
}
