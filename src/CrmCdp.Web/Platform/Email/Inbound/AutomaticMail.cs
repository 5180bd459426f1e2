using MimeKit;

namespace CrmCdp.Web.Platform.Email.Inbound;

/// <summary>Auto-replies, bounces and bulk mail by their headers (RFC 3834 and common practice): they must never start a conversation or a loop.</summary>
internal static class AutomaticMail
{
    public static bool IsAutomatic(MimeMessage message)
    {
        var headers = message.Headers;
        var autoSubmitted = headers[HeaderId.AutoSubmitted];
        if (!string.IsNullOrWhiteSpace(autoSubmitted) && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var precedence = headers[HeaderId.Precedence]?.Trim().ToLowerInvariant();
        if (precedence is "bulk" or "junk" or "list" or "auto_reply")
        {
            return true;
        }

        return headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond")
            || string.Equals(message.From.Mailboxes.FirstOrDefault()?.LocalPart, "mailer-daemon", StringComparison.OrdinalIgnoreCase);
    }
}
