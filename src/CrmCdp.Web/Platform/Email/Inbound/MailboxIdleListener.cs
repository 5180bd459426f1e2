using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Platform.Email.Inbound;

/// <summary>
/// Keeps an IMAP IDLE connection (RFC 2177) to each enabled mailbox whose server offers it, and reads the mailbox the
/// moment new mail arrives. The minute sweep (<c>email:fetch</c>) stays: it covers servers without IDLE and anything
/// missed while a connection was down. Reading is store-once by Message-ID, so both may read the same mail.
/// </summary>
[SystemAccess("Listens to the mailboxes an admin set up; what it reads is stored by the fetcher and shown through each module's rules.")]
internal sealed partial class MailboxIdleListener(
    IServiceProvider services, IDbContextFactory<AppDbContext> dbFactory, MailboxService mailboxes, MailboxListening listening,
    IOptionsMonitor<EmailOptions> options, ILogger<MailboxIdleListener> logger) : BackgroundService
{
    /// <summary>IDLE is re-issued well within the 29 minutes after which a server may drop an idle client.</summary>
    private static readonly TimeSpan IdleRound = TimeSpan.FromMinutes(9);

    private readonly ConcurrentDictionary<Guid, Watch> _watches = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await SyncAsync(stoppingToken);
                await listening.WaitForChangeAsync(TimeSpan.FromMinutes(1), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: every watch is linked to the same token.
        }
    }

    /// <summary>Listens to the enabled mailboxes as they are now: new ones start, removed or changed ones stop.</summary>
    private async Task SyncAsync(CancellationToken stoppingToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        var wanted = options.CurrentValue.Idle
            ? (await db.Set<Mailbox>().AsNoTracking().Where(m => m.Enabled).ToListAsync(stoppingToken)).ToDictionary(m => m.Id)
            : [];
        foreach (var (id, watch) in _watches)
        {
            if (!wanted.TryGetValue(id, out var mailbox) || Fingerprint(mailbox) != watch.Fingerprint)
            {
                await watch.Stop.CancelAsync();
                watch.Stop.Dispose();
                _watches.TryRemove(id, out _);
                listening.Forget(id);
            }
        }

        foreach (var mailbox in wanted.Values.Where(m => !_watches.ContainsKey(m.Id)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _watches[mailbox.Id] = new Watch(Fingerprint(mailbox), stop);
            _ = Task.Run(() => ListenAsync(mailbox, stop.Token), CancellationToken.None);
        }
    }

    private async Task ListenAsync(Mailbox mailbox, CancellationToken stop)
    {
        var retry = TimeSpan.FromSeconds(5);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (!await ListenOnceAsync(mailbox, stop))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failed) when (failed is IOException or System.Net.Sockets.SocketException or ImapProtocolException or ImapCommandException
                or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or FolderNotFoundException or TimeoutException)
            {
                listening.Set(mailbox.Id, false);
                LogConnectionLost(logger, mailbox.Name, failed.Message, retry.TotalSeconds);
            }

            try
            {
                await Task.Delay(retry, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = TimeSpan.FromSeconds(Math.Min(retry.TotalSeconds * 2, 300));
        }
    }

    /// <returns>false when the server does not offer IDLE (the minute sweep reads that mailbox).</returns>
    private async Task<bool> ListenOnceAsync(Mailbox mailbox, CancellationToken stop)
    {
        using var client = new ImapClient();
        await client.ConnectAsync(mailbox.Host, mailbox.Port, mailbox.TlsMode.ToMailKit(), stop);
        await client.AuthenticateAsync(mailbox.User, mailboxes.PasswordOf(mailbox) ?? "", stop);
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            LogNoIdle(logger, mailbox.Name);
            return false;
        }

        var folder = await client.GetFolderAsync(mailbox.Folder, stop);
        await folder.OpenAsync(FolderAccess.ReadOnly, stop);
        var arrived = 0;
        CancellationTokenSource? round = null;
        folder.CountChanged += (_, _) =>
        {
            Interlocked.Exchange(ref arrived, 1);
            try
            {
                round?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Between two rounds: the flag alone makes the next round's end read the mailbox.
            }
        };
        listening.Set(mailbox.Id, true);
        // Whatever came while nobody listened is read first.
        await FetchAsync(mailbox.Id, stop);
        while (!stop.IsCancellationRequested)
        {
            using (round = new CancellationTokenSource(IdleRound))
            {
                await client.IdleAsync(round.Token, stop);
            }

            if (Interlocked.Exchange(ref arrived, 0) == 1)
            {
                await FetchAsync(mailbox.Id, stop);
            }
        }

        return true;
    }

    private Task<int> FetchAsync(Guid mailboxId, CancellationToken stop) => services.GetRequiredService<MailboxFetchJob>().FetchAsync(mailboxId, stop);

    private static string Fingerprint(Mailbox m) => $"{m.Host}|{m.Port}|{m.TlsMode}|{m.User}|{m.Folder}|{m.ProtectedPassword}";

    public override void Dispose()
    {
        foreach (var watch in _watches.Values)
        {
            watch.Stop.Dispose();
        }

        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {Mailbox}: the server does not offer IDLE; it is read every minute")]
    private static partial void LogNoIdle(ILogger logger, string mailbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {Mailbox}: listening stopped ({Reason}); trying again in {Seconds} s")]
    private static partial void LogConnectionLost(ILogger logger, string mailbox, string reason, double seconds);

    private sealed record Watch(string Fingerprint, CancellationTokenSource Stop);
}
