using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using MimeKit.Text;

namespace CrmCdp.Web.Platform.Email.Tracking;

/// <summary>
/// Open and click tracking of an HTML email: a one-pixel image and links that pass through CrmCdp. Every token is the
/// email's id (and the link's address) protected with data protection, so a tracking link cannot be forged, altered or
/// used to send anyone anywhere else (no open redirect).
/// </summary>
internal sealed class EmailTracking(IDataProtectionProvider dataProtection, PublicBaseUrl publicUrl)
{
    public const string OpenPath = "/e/o/";
    public const string ClickPath = "/e/c/";

    private IDataProtector Protector => dataProtection.CreateProtector("CrmCdp.Email.Tracking");

    /// <param name="baseUri">Where the sender uses CrmCdp, when there is no request to tell (a Blazor circuit).</param>
    public string Instrument(Guid emailId, string html, string? baseUri)
    {
        var root = publicUrl.Get(baseUri);
        var converter = new HtmlToHtml
        {
            HtmlTagCallback = (context, writer) =>
            {
                if (context.TagId != HtmlTagId.A || context.IsEndTag)
                {
                    context.WriteTag(writer, true);
                    return;
                }

                context.WriteTag(writer, false);
                foreach (var attribute in context.Attributes)
                {
                    var tracked = attribute.Id == HtmlAttributeId.Href && IsWebLink(attribute.Value);
                    writer.WriteAttribute(attribute.Name, tracked ? $"{root}{ClickPath}{Token($"{emailId:N}|{attribute.Value}")}" : attribute.Value ?? "");
                }
            },
        };
        var pixel = $"<img src=\"{root}{OpenPath}{Token(emailId.ToString("N"))}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">";
        var rewritten = converter.Convert(html);
        var bodyEnd = rewritten.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return bodyEnd < 0 ? rewritten + pixel : rewritten.Insert(bodyEnd, pixel);
    }

    /// <summary>The email an open pixel names; null for a token that is not ours.</summary>
    public Guid? OpenedEmail(string token) => Read(token) is { } value && Guid.TryParseExact(value, "N", out var id) ? id : null;

    /// <summary>The email and address a click link names; null for a token that is not ours.</summary>
    public (Guid EmailId, string Url)? Click(string token)
    {
        var parts = Read(token)?.Split('|', 2);
        return parts is { Length: 2 } && Guid.TryParseExact(parts[0], "N", out var id) && IsWebLink(parts[1]) ? (id, parts[1]) : null;
    }

    private static bool IsWebLink(string? href) =>
        Uri.TryCreate(href, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private string Token(string value) => WebEncoders.Base64UrlEncode(Protector.Protect(Encoding.UTF8.GetBytes(value)));

    private string? Read(string token)
    {
        try
        {
            return token.Length > 4000 ? null : Encoding.UTF8.GetString(Protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
        }
        catch (Exception unreadable) when (unreadable is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }
}
