using CrmCdp.Web.Platform.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CrmCdp.Web.Platform.Email;

/// <summary>
/// Sends what is due in the outbox, one row at a time under <c>FOR UPDATE SKIP LOCKED</c> so several workers or
/// instances never send a message twice at once. Transient failures retry with doubling delays; a 5xx answer or
/// the last attempt marks the message failed. Every step lands in the send log.
/// </summary>
[SystemAccess("Delivers whatever was queued by someone allowed to queue it.")]
internal sealed partial class EmailDeliveryJob(
    IDbContextFactory<AppDbContext> dbFactory,
    EmailSettingsService settings,
    IBackgroundJobClient jobs,
    EmailOutbox outbox,
    IOptionsMonitor<EmailOptions> options,
    TimeProvider timeProvider,
    ILogger<EmailDeliveryJob> logger) : IRecurringJobDefinition
{
    public const string Id = "email:deliver";
    private const int MessagesPerRun = 200;

    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<EmailDeliveryJob>(Id, job => job.SendDueAsync(CancellationToken.None), Cron.Minutely());

    /// <returns>How many messages the SMTP server accepted.</returns>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        outbox.RunStarted();
        var readiness = await settings.ResolveAsync(cancellationToken);
        if (readiness.Settings is not { } server)
        {
            await NoteWaitingAsync(readiness.Problem!, cancellationToken);
            return 0;
        }

        var accepted = 0;
        await using var delivery = new SmtpDelivery(server);
        for (var i = 0; i < MessagesPerRun; i++)
        {
            var outcome = await SendNextAsync(server, delivery, null, cancellationToken);
            if (outcome is null)
            {
                break;
            }

            if (i == MessagesPerRun - 1)
            {
                // More may be due: another run goes on rather than waiting for the next ask or the minute.
                outbox.Wake();
            }

            if (outcome.Accepted)
            {
                accepted++;
            }
            else if (!outcome.Permanent)
            {
                // The server is having trouble: leave the rest for their own retry times.
                break;
            }
        }

        return accepted;
    }

    /// <summary>Sends one queued message now (the test button), whatever its retry time; null when it is not queued.</summary>
    public async Task<DeliveryAttempt?> SendNowAsync(Guid emailId, CancellationToken cancellationToken)
    {
        var readiness = await settings.ResolveAsync(cancellationToken);
        if (readiness.Settings is not { } server)
        {
            return new DeliveryAttempt(false, false, readiness.Problem!);
        }

        await using var delivery = new SmtpDelivery(server);
        return await SendNextAsync(server, delivery, emailId, cancellationToken);
    }

    private async Task<DeliveryAttempt?> SendNextAsync(SmtpServerSettings server, SmtpDelivery delivery, Guid? only, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var email = only is { } id
            ? await db.Set<OutboundEmail>().FromSql($"SELECT * FROM platform_emails WHERE id = {id} AND status = 'Queued' FOR UPDATE SKIP LOCKED")
                .SingleOrDefaultAsync(cancellationToken)
            : await db.Set<OutboundEmail>().FromSql(
                    $"SELECT * FROM platform_emails WHERE status = 'Queued' AND next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .SingleOrDefaultAsync(cancellationToken);
        if (email is null)
        {
            return null;
        }

        AddressFromDefaults(email, server);
        var attempt = await delivery.SendAsync(email, cancellationToken);
        Record(db, email, attempt, timeProvider.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (email.Status == EmailStatus.Queued)
        {
            jobs.Schedule<EmailDeliveryJob>(job => job.SendDueAsync(CancellationToken.None), email.NextAttemptAt);
        }

        return attempt;
    }

    private void Record(AppDbContext db, OutboundEmail email, DeliveryAttempt attempt, DateTimeOffset now)
    {
        email.Attempts++;
        email.LastResponse = Shorten(attempt.Answer);
        string status;
        if (attempt.Accepted)
        {
            (email.Status, email.SentAt, status) = (EmailStatus.Sent, now, "sent");
        }
        else if (attempt.Permanent || email.Purpose == EmailPurposes.Test || email.Attempts >= Math.Max(1, options.CurrentValue.MaxAttempts))
        {
            (email.Status, status) = (EmailStatus.Failed, "failed");
            LogFailed(logger, email.Id, email.Attempts, attempt.Answer);
        }
        else
        {
            email.NextAttemptAt = now + RetryDelay(email.Attempts);
            status = "retrying";
        }

        db.Add(new EmailLogEntry { EmailId = email.Id, At = now, Status = status, Detail = email.LastResponse });
    }

    /// <summary>Doubling delays from the base, capped at four hours.</summary>
    private TimeSpan RetryDelay(int attempts)
    {
        var seconds = Math.Max(1, options.CurrentValue.RetryBaseSeconds) * Math.Pow(2, Math.Min(attempts - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromHours(4).TotalSeconds));
    }

    private static void AddressFromDefaults(OutboundEmail email, SmtpServerSettings server)
    {
        if (string.IsNullOrWhiteSpace(email.From))
        {
            var sender = MailboxAddress.Parse(server.From);
            email.From = new MailboxAddress(string.IsNullOrWhiteSpace(email.SenderName) ? sender.Name : email.SenderName, sender.Address).ToString();
        }

        email.ReplyTo ??= server.ReplyTo;
    }

    /// <summary>Says once on each waiting message why it waits, so the send log explains it; nothing is dropped.</summary>
    private async Task NoteWaitingAsync(string problem, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var waiting = await db.Set<OutboundEmail>().Where(e => e.Status == EmailStatus.Queued && e.LastResponse != problem).Take(MessagesPerRun).ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        foreach (var email in waiting)
        {
            email.LastResponse = problem;
            db.Add(new EmailLogEntry { EmailId = email.Id, At = now, Status = "waiting", Detail = problem });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Shorten(string answer) => answer.Length <= 2000 ? answer : answer[..2000];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {EmailId} failed after {Attempts} attempts: {Answer}")]
    private static partial void LogFailed(ILogger logger, Guid emailId, int attempts, string answer);
}
