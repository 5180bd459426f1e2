using CrmCdp.Web.Platform.Email;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace CrmCdp.Web.Modules.Marketing.Email;

/// <summary>
/// The signed unsubscribe address of a marketing email (<c>/u/{token}</c>): it names the person's profile and cannot be
/// made up or bent to another person.
/// </summary>
internal sealed class UnsubscribeLinks(IDataProtectionProvider dataProtection, PublicBaseUrl publicUrl)
{
    public const string Path = "/u/";

    private IDataProtector Protector => dataProtection.CreateProtector("CrmCdp.Marketing.Unsubscribe");

    public string For(Guid profileId) => $"{publicUrl.Get()}{Path}{WebEncoders.Base64UrlEncode(Protector.Protect(profileId.ToByteArray()))}";

    /// <summary>The profile a token names; null for a token that is not ours.</summary>
    public Guid? Read(string token)
    {
        try
        {
            var bytes = Protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            return bytes.Length == 16 ? new Guid(bytes) : null;
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
