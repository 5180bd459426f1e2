using CrmCdp.Web.Platform.Jobs;
using Hangfire;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;

namespace CrmCdp.Web.Platform.Email.Inbound;

/// <summary>
/// Reads new mail from every enabled mailbox over IMAP (MailKit): each message is stored once by Message-ID and handed
/// to the modules' handlers in one transaction with the mailbox's checkpoint, so a crash re-reads at most the message
/// it was on. A message that cannot be read is noted and skipped; the fetch goes on.
/// </summary>
[SystemAccess("Reads the mailboxes an admin set up; what it stores is shown through each module's own access rules.")]
internal sealed partial class MailboxFetchJob(
    IDbContextFactory<AppDbContext> dbFactory,
    MailboxService mailboxes,
    IEnumerable<IInboundEmailHandler> handlers,
    Microsoft.Extensions.Options.IOptionsMonitor<EmailOptions> options,
    TimeProvider timeProvider,
    ILogger<MailboxFetchJob> logger) : IRecurringJobDefinition
{
    public const string Id = "email:fetch";
    private const int MessagesPerRun = 200;
    private const long LargestMessageBytes = 25 * 1024 * 1024;

    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<MailboxFetchJob>(Id, job => job.FetchAllAsync(CancellationToken.None), Cron.Minutely());

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    public async Task<int> FetchAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stale = timeProvider.GetUtcNow().AddMinutes(-1);
        var unhandled = await db.Set<InboundEmail>().AsNoTracking().Where(e => e.HandledAt == null && e.FetchedAt < stale).Take(MessagesPerRun).ToListAsync(cancellationToken);
        foreach (var email in unhandled)
        {
            if (await db.Set<Mailbox>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == email.MailboxId, cancellationToken) is { } owner)
            {
                await HandleAsync(new InboundContext(owner, email), cancellationToken);
            }
        }

        var ids = await db.Set<Mailbox>().Where(m => m.Enabled).Select(m => m.Id).ToListAsync(cancellationToken);
        var fetched = 0;
        foreach (var id in ids)
        {
            fetched += await FetchAsync(id, cancellationToken);
        }

        return fetched;
    }

    /// <returns>How many new messages were stored.</returns>
    public async Task<int> FetchAsync(Guid mailboxId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Mailbox>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == mailboxId, cancellationToken) is not { } mailbox)
        {
            return 0;
        }

        string? problem = null;
        var stored = 0;
        try
        {
            stored = await ReadNewAsync(mailbox, cancellationToken);
        }
        catch (Exception failed) when (failed is IOException or System.Net.Sockets.SocketException or ImapProtocolException or ImapCommandException
            or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or FolderNotFoundException or TimeoutException)
        {
            problem = $"{failed.GetType().Name}: {failed.Message}";
            LogFetchFailed(logger, mailbox.Name, problem);
        }

        await db.Set<Mailbox>().Where(m => m.Id == mailboxId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastPolledAt, timeProvider.GetUtcNow()).SetProperty(m => m.LastError, problem), cancellationToken);
        return stored;
    }

    private async Task<int> ReadNewAsync(Mailbox mailbox, CancellationToken cancellationToken)
    {
        using var client = new ImapClient { Timeout = 30_000 };
        await client.ConnectAsync(mailbox.Host, mailbox.Port, mailbox.TlsMode.ToMailKit(), cancellationToken);
        await client.AuthenticateAsync(mailbox.User, mailboxes.PasswordOf(mailbox) ?? "", cancellationToken);
        var folder = await client.GetFolderAsync(mailbox.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        var lastUid = folder.UidValidity == mailbox.UidValidity ? mailbox.LastUid : 0;
        var uids = (await folder.SearchAsync(SearchQuery.All, cancellationToken)).Where(u => u.Id > lastUid).OrderBy(u => u.Id).Take(MessagesPerRun).ToList();
        var sizes = uids.Count == 0 ? [] : (await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken))
            .ToDictionary(s => s.UniqueId.Id, s => (long?)s.Size);
        var stored = 0;
        foreach (var uid in uids)
        {
            var message = await ReadOneAsync(folder, uid, sizes.GetValueOrDefault(uid.Id), mailbox, cancellationToken);
            if (await StoreAsync(mailbox, uid.Id, folder.UidValidity, message, cancellationToken) is { } email)
            {
                await HandleAsync(new InboundContext(mailbox, email), cancellationToken);
                stored++;
            }
        }

        if (uids.Count == 0 && folder.UidValidity != mailbox.UidValidity)
        {
            await CheckpointAsync(mailbox.Id, folder.UidValidity, 0, cancellationToken);
        }

        await client.DisconnectAsync(true, cancellationToken);
        return stored;
    }

    /// <returns>The message, or null with the reason logged when it is too large or cannot be parsed.</returns>
    private async Task<MimeMessage?> ReadOneAsync(IMailFolder folder, UniqueId uid, long? size, Mailbox mailbox, CancellationToken cancellationToken)
    {
        if (size > LargestMessageBytes)
        {
            LogSkipped(logger, uid.Id, mailbox.Name, $"{size} bytes is over the {LargestMessageBytes} byte limit");
            return null;
        }

        try
        {
            return await folder.GetMessageAsync(uid, cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is ParseException or FormatException or ImapCommandException)
        {
            LogSkipped(logger, uid.Id, mailbox.Name, unreadable.Message);
            return null;
        }
    }

    /// <returns>The message when it was new and is now stored; null for a repeat or an unreadable one.</returns>
    private async Task<InboundEmail?> StoreAsync(Mailbox mailbox, uint uid, uint uidValidity, MimeMessage? message, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        InboundEmail? stored = null;
        if (message is not null)
        {
            var email = InboundEmailReader.Read(mailbox, uid, uidValidity, message, timeProvider.GetUtcNow());
            if (!await db.Set<InboundEmail>().AnyAsync(e => e.MessageId == email.MessageId, cancellationToken))
            {
                db.Add(email);
                db.AddRange(InboundAttachmentReader.Read(email.Id, message, options.CurrentValue.MaxAttachmentBytes));
                stored = email;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException raced) when (UniqueViolation.Is(raced))
        {
            // Another instance stored the same Message-ID first: it is handled there.
            return null;
        }

        await db.Set<Mailbox>().Where(m => m.Id == mailbox.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.UidValidity, uidValidity).SetProperty(m => m.LastUid, uid), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <summary>Runs every module's handler; one that fails is logged and does not stop the others or the fetch.</summary>
    private async Task HandleAsync(InboundContext inbound, CancellationToken cancellationToken)
    {
        foreach (var handler in handlers)
        {
            try
            {
                await handler.HandleAsync(inbound, cancellationToken);
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                inbound.Email.Note = $"Not handled: {failed.Message}";
                LogHandlerFailed(logger, inbound.Email.MessageId, failed);
            }
        }

        var email = inbound.Email;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<InboundEmail>().Where(e => e.Id == email.Id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.RepliesToEmailId, email.RepliesToEmailId).SetProperty(e => e.ContactId, email.ContactId)
            .SetProperty(e => e.TicketId, email.TicketId).SetProperty(e => e.ActivityId, email.ActivityId)
            .SetProperty(e => e.Note, email.Note).SetProperty(e => e.HandledAt, timeProvider.GetUtcNow()), cancellationToken);
    }

    private async Task CheckpointAsync(Guid mailboxId, uint uidValidity, uint uid, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<Mailbox>().Where(m => m.Id == mailboxId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.UidValidity, uidValidity).SetProperty(m => m.LastUid, uid), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading mailbox {Mailbox} failed: {Problem}")]
    private static partial void LogFetchFailed(ILogger logger, string mailbox, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling inbound email {MessageId} failed")]
    private static partial void LogHandlerFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped message {Uid} of mailbox {Mailbox}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, uint uid, string mailbox, string reason);
}
