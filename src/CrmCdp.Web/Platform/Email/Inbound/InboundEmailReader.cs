using MimeKit;

namespace CrmCdp.Web.Platform.Email.Inbound;

/// <summary>Reads what CrmCdp keeps of a fetched message, within its column limits; MimeKit has done the parsing.</summary>
internal static class InboundEmailReader
{
    public static InboundEmail Read(Mailbox mailbox, uint uid, uint uidValidity, MimeMessage message, DateTimeOffset now)
    {
        var from = message.From.Mailboxes.FirstOrDefault();
        return new InboundEmail
        {
            Id = Guid.CreateVersion7(),
            MailboxId = mailbox.Id,
            // Without a Message-ID the message is still stored once: its place in this mailbox names it.
            MessageId = Cut(string.IsNullOrWhiteSpace(message.MessageId) ? $"{uidValidity}.{uid}.{mailbox.Id:N}@mailbox.crmcdp" : message.MessageId, 400),
            InReplyTo = CutOrNull(message.InReplyTo, 400),
            References = CutOrNull(string.Join(' ', message.References.Select(r => $"<{r}>")), 8000),
            From = Cut(from?.ToString() ?? "", 400),
            FromAddress = Cut(from?.Address?.ToLowerInvariant() ?? "", 320),
            To = Cut(message.To.ToString(), 4000),
            Cc = CutOrNull(message.Cc.ToString(), 4000),
            Subject = Cut((message.Subject ?? "").ReplaceLineEndings(" "), 998),
            Text = CutOrNull(message.TextBody ?? HtmlText.ToPlain(message.HtmlBody), 200_000),
            Html = CutOrNull(message.HtmlBody, 500_000),
            SentAt = message.Date == DateTimeOffset.MinValue || message.Date > now.AddDays(1) ? now : message.Date.ToUniversalTime(),
            FetchedAt = now,
            IsAutomatic = AutomaticMail.IsAutomatic(message),
        };
    }

    /// <summary>The Message-IDs this message answers, nearest first: In-Reply-To, then References from the end.</summary>
    public static IReadOnlyList<string> Answered(InboundEmail email) =>
        [.. new[] { email.InReplyTo }.Concat((email.References ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Reverse().Select(r => r.Trim('<', '>')))
            .Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!).Distinct(StringComparer.Ordinal).Take(20)];

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length];

    private static string? CutOrNull(string? value, int length) => string.IsNullOrWhiteSpace(value) ? null : Cut(value, length);
}
