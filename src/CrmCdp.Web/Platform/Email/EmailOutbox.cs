using Hangfire;
using MimeKit.Utils;

namespace CrmCdp.Web.Platform.Email;

/// <summary>
/// The one way to send email: <see cref="Add"/> puts the message in the caller's unit of work (so it is queued exactly
/// when that work commits), and <see cref="Wake"/> after the commit has the delivery job send it within seconds.
/// </summary>
internal sealed class EmailOutbox(IBackgroundJobClient jobs, Tracking.EmailTracking tracking, TimeProvider timeProvider)
{
    public OutboundEmail Add(AppDbContext db, EmailDraft draft)
    {
        var now = timeProvider.GetUtcNow();
        var email = new OutboundEmail
        {
            Id = Guid.CreateVersion7(),
            Purpose = draft.Purpose,
            From = draft.From ?? "",
            SenderName = draft.SenderName,
            ReplyTo = draft.ReplyTo,
            To = draft.To,
            Cc = Blank(draft.Cc),
            Bcc = Blank(draft.Bcc),
            Subject = draft.Subject,
            Html = draft.Html,
            Text = draft.Text,
            MessageId = draft.MessageIdTag is { } tag ? $"{tag}.{MimeUtils.GenerateMessageId()}" : MimeUtils.GenerateMessageId(),
            InReplyTo = draft.InReplyTo,
            References = draft.References,
            Status = EmailStatus.Queued,
            NextAttemptAt = now,
            CreatedAt = now,
            SentByUserId = draft.SentByUserId,
            ContactId = draft.ContactId,
            ActivityId = draft.ActivityId,
            TemplateId = draft.TemplateId,
            CalendarInvite = draft.CalendarInvite,
            ListUnsubscribe = draft.ListUnsubscribe,
        };
        if (draft.Track && email.Html is not null)
        {
            (email.Html, email.Tracked) = (tracking.Instrument(email.Id, email.Html, draft.LinkBase), true);
        }

        db.Add(email);
        db.Add(new EmailLogEntry { EmailId = email.Id, At = now, Status = "queued", Detail = $"To {email.To}" });
        return email;
    }

    /// <summary>A run asked for and not started yet (ticks of the request; 0 when none): more asks need no other run.</summary>
    private long _requestedAt;

    /// <summary>
    /// Asks for a delivery run now; the minute sweep catches anything this misses. Asks while a run is requested and has
    /// not started are one ask (100,000 journey emails would otherwise be 100,000 jobs); a request that no run on this
    /// instance took up within a few seconds (another instance's server runs the jobs) is made again.
    /// </summary>
    public void Wake()
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        var requested = Interlocked.Read(ref _requestedAt);
        if (requested != 0 && now - requested < RequestLifetime.Ticks)
        {
            return;
        }

        Interlocked.Exchange(ref _requestedAt, now);
        try
        {
            jobs.Enqueue<EmailDeliveryJob>(job => job.SendDueAsync(CancellationToken.None));
        }
        catch
        {
            Interlocked.Exchange(ref _requestedAt, 0);
            throw;
        }
    }

    /// <summary>A delivery run starts reading the outbox: what is queued from now on asks for a new run.</summary>
    public void RunStarted() => Interlocked.Exchange(ref _requestedAt, 0);

    private static readonly TimeSpan RequestLifetime = TimeSpan.FromSeconds(5);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
