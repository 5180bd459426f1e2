using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using StandardWebhooks;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>
/// Signing secrets (whsec_ and 32 random bytes in base64, as Standard Webhooks libraries read them), kept protected with
/// data protection, and the signatures: one per secret still valid, space-separated during a rotation's overlap.
/// </summary>
internal sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("CrmCdp.Destinations.Secret");

    public static string Generate() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The signature header's value for a message, signed with the current secret and, until it expires, the previous one.</summary>
    public string Sign(Destination destination, string webhookId, DateTimeOffset timestamp, string body, DateTimeOffset now)
    {
        var secrets = new List<string> { _protector.Unprotect(destination.ProtectedSecret) };
        if (destination.PreviousProtectedSecret is { } previous && destination.PreviousSecretExpiresAt > now)
        {
            secrets.Add(_protector.Unprotect(previous));
        }

        return string.Join(' ', secrets.Select(s => new StandardWebhook(s).Sign(webhookId, timestamp, body)));
    }
}
