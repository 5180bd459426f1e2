using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>
/// The hidden token a rendered form carries: when it was shown, signed and encrypted with data protection, so the fill
/// time of a submission can be measured and cannot be forged.
/// </summary>
internal sealed class FormFillTokens(IDataProtectionProvider dataProtection, TimeProvider timeProvider)
{
    public const string FieldName = "_t";
    public const string HoneypotName = "_website";

    private IDataProtector Protector => dataProtection.CreateProtector("CrmCdp.Forms.FillToken");

    public string Issue(string formKey) =>
        Protector.Protect($"{formKey}|{timeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}");

    /// <summary>How long ago the form was shown; null when the token is missing, forged or of another form.</summary>
    public TimeSpan? Elapsed(string formKey, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = Protector.Unprotect(token).Split('|');
            return parts.Length == 2 && parts[0] == formKey && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var shown)
                ? timeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(shown)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
