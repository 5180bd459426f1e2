using MimeKit;

namespace CrmCdp.Web.Platform.Email;

/// <summary>Turns an outbox row into the MIME message MailKit sends; addresses and encodings are MimeKit's.</summary>
internal static class MimeMessageFactory
{
    public static MimeMessage Create(OutboundEmail email)
    {
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId, Date = email.CreatedAt };
        message.From.Add(MailboxAddress.Parse(email.From));
        message.To.AddRange(InternetAddressList.Parse(email.To));
        AddAll(message.Cc, email.Cc);
        AddAll(message.Bcc, email.Bcc);
        if (!string.IsNullOrWhiteSpace(email.ReplyTo))
        {
            message.ReplyTo.Add(MailboxAddress.Parse(email.ReplyTo));
        }

        if (!string.IsNullOrWhiteSpace(email.InReplyTo))
        {
            message.InReplyTo = email.InReplyTo;
        }

        foreach (var reference in (email.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            message.References.Add(reference.Trim('<', '>'));
        }

        if (email.ListUnsubscribe is { } unsubscribe)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        message.Body = email.CalendarInvite is null ? new BodyBuilder { HtmlBody = email.Html, TextBody = email.Text }.ToMessageBody() : WithInvitation(email);
        return message;
    }

    /// <summary>The text, the HTML and the invitation as alternatives of one another, as calendar clients send them.</summary>
    private static MultipartAlternative WithInvitation(OutboundEmail email)
    {
        var alternative = new MultipartAlternative();
        if (email.Text is not null)
        {
            alternative.Add(new TextPart("plain") { Text = email.Text });
        }

        if (email.Html is not null)
        {
            alternative.Add(new TextPart("html") { Text = email.Html });
        }

        var calendar = new TextPart("calendar") { Text = email.CalendarInvite ?? "" };
        calendar.ContentType.Parameters.Add("method", "REQUEST");
        alternative.Add(calendar);
        return alternative;
    }

    private static void AddAll(InternetAddressList list, string? addresses)
    {
        if (!string.IsNullOrWhiteSpace(addresses))
        {
            list.AddRange(InternetAddressList.Parse(addresses));
        }
    }
}
