using MimeKit;

namespace CrmCdp.Web.Platform.Email.Inbound;

/// <summary>
/// Takes a fetched message's attachments as MimeKit decodes them, within limits: at most <see cref="MaxPerMessage"/>,
/// each at most the configured size. Archives are stored as they came and never opened, so a zip bomb stays the few
/// kilobytes it is. A transfer encoding only shrinks its content, so the encoded length bounds the work before decoding.
/// </summary>
internal static class InboundAttachmentReader
{
    public const int MaxPerMessage = 20;

    public static List<InboundAttachment> Read(Guid emailId, MimeMessage message, long maxBytes)
    {
        var attachments = new List<InboundAttachment>();
        foreach (var entity in message.Attachments.Take(MaxPerMessage))
        {
            var attachment = new InboundAttachment
            {
                Id = Guid.CreateVersion7(),
                InboundEmailId = emailId,
                FileName = FileName(entity),
                ContentType = Cut(entity.ContentType.MimeType, 200),
            };
            try
            {
                Fill(attachment, entity, maxBytes);
            }
            catch (Exception unreadable) when (unreadable is FormatException or ParseException or InvalidOperationException or IOException)
            {
                (attachment.Content, attachment.Note) = (null, Cut($"Could not be read: {unreadable.Message}", 500));
            }

            attachments.Add(attachment);
        }

        return attachments;
    }

    private static void Fill(InboundAttachment attachment, MimeEntity entity, long maxBytes)
    {
        if (entity is MimePart { Content.Stream: { CanSeek: true } encoded } && encoded.Length > maxBytes * 2)
        {
            // Larger encoded than twice the limit: decoded it is still over it (base64 decodes to three quarters), so it is not decoded at all.
            (attachment.Size, attachment.Note) = (encoded.Length * 3 / 4, $"Over the {maxBytes / (1024 * 1024)} MB limit: name and size kept, content not stored.");
            return;
        }

        using var decoded = new MemoryStream();
        switch (entity)
        {
            case MimePart { Content: { } body }:
                body.DecodeTo(decoded);
                break;
            case MessagePart { Message: { } attached }:
                attached.WriteTo(decoded);
                break;
            default:
                entity.WriteTo(decoded);
                break;
        }

        attachment.Size = decoded.Length;
        if (decoded.Length > maxBytes)
        {
            attachment.Note = $"Over the {maxBytes / (1024 * 1024)} MB limit: name and size kept, content not stored.";
            return;
        }

        attachment.Content = decoded.ToArray();
    }

    /// <summary>The file name as a download may use it: no folders, no control characters, never empty.</summary>
    private static string FileName(MimeEntity entity)
    {
        var name = entity is MimePart part ? part.FileName : entity is MessagePart ? "attached-message.eml" : null;
        name = Path.GetFileName((name ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not '"' and not '/')]).Trim();
        return Cut(string.IsNullOrEmpty(name) ? "attachment" : name, 255);
    }

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length];
}
