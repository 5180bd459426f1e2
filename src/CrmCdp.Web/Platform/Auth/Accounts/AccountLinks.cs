using System.Text;
using CrmCdp.Web.Platform.Email;
using Microsoft.AspNetCore.WebUtilities;

namespace CrmCdp.Web.Platform.Auth.Accounts;

/// <summary>Absolute links for account emails: <c>Email:PublicUrl</c> when set, else the address the request came to.</summary>
internal sealed class AccountLinks(PublicBaseUrl publicUrl)
{
    public const string InvitationPath = "/account/invitation";
    public const string ResetPasswordPath = "/account/reset-password";
    public const string ForgotPasswordPath = "/account/forgot-password";

    /// <param name="baseUri">Where the person is using CrmCdp (a Blazor circuit's base address) when there is no request.</param>
    public string Invitation(Guid userId, string token, string? baseUri = null) => Link(InvitationPath, userId, token, baseUri);

    public string PasswordReset(Guid userId, string token, string? baseUri = null) => Link(ResetPasswordPath, userId, token, baseUri);

    private string Link(string path, Guid userId, string token, string? baseUri) =>
        $"{Base(baseUri)}{path}?user={userId}&token={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}";

    /// <summary>
    /// Identity's tokens are Base64 with '+' and '/'; links carry them Base64url-encoded, as ASP.NET Core Identity's own
    /// pages do, so no mail client or query parser can turn a '+' into a space.
    /// </summary>
    public static string? TokenFromLink(string? linkToken)
    {
        if (string.IsNullOrEmpty(linkToken))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(linkToken));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Base(string? baseUri) => publicUrl.Get(baseUri);
}
