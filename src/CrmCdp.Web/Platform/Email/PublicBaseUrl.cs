using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Platform.Email;

/// <summary>Where people reach CrmCdp from outside: <c>Email:PublicUrl</c> when set, else the address in use.</summary>
internal sealed class PublicBaseUrl(IOptionsMonitor<EmailOptions> options, IHttpContextAccessor http)
{
    /// <param name="baseUri">Where the person is using CrmCdp (a Blazor circuit's base address) when there is no request.</param>
    public string Get(string? baseUri = null)
    {
        if (!string.IsNullOrWhiteSpace(options.CurrentValue.PublicUrl))
        {
            return options.CurrentValue.PublicUrl.TrimEnd('/');
        }

        if (!string.IsNullOrWhiteSpace(baseUri))
        {
            return baseUri.TrimEnd('/');
        }

        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Set Email:PublicUrl: links made outside a request need it.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
