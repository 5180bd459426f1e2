using System.Net;
using System.Net.Sockets;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>
/// Keeps webhooks from reaching inside the network (SSRF): loopback, link-local (cloud metadata at 169.254.169.254),
/// private, shared and unspecified addresses are refused unless <see cref="DestinationOptions.AllowPrivateNetworks"/>.
/// The check runs on the address actually connected to, so a name that resolves differently later cannot slip past.
/// </summary>
internal static class NetworkGuard
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] >= 224
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
    }

    /// <summary>Why a URL cannot be a destination, or null: absolute http(s), and not a literal private address unless allowed.</summary>
    public static string? Refusal(string? url, bool allowPrivateNetworks)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return "Give an absolute http:// or https:// URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "Put credentials in a header, not in the URL.";
        }

        var literal = IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) ? address : null;
        var local = uri.IsLoopback || (literal is not null && !IsPublic(literal));
        return local && !allowPrivateNetworks
            ? "This URL points at a loopback, link-local or private address; destinations may not reach inside the network (set Destinations__AllowPrivateNetworks=true for on-premise targets)."
            : null;
    }

    /// <summary>A connect callback that resolves the host and connects only to an allowed address.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(Func<bool> allowPrivateNetworks) => async (context, cancellationToken) =>
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = allowPrivateNetworks() ? addresses : [.. addresses.Where(IsPublic)];
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves only to loopback, link-local or private addresses, which destinations may not reach.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };
}
