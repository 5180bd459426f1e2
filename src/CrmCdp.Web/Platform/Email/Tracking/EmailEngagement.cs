namespace CrmCdp.Web.Platform.Email.Tracking;

/// <summary>Records opens and clicks on the email (first time and count) and in its send log, then tells the observers.</summary>
[SystemAccess("A recipient's mail client calls the tracking links; the token proves which email it is.")]
internal sealed partial class EmailEngagement(
    IDbContextFactory<AppDbContext> dbFactory, IEnumerable<IEmailEngagementObserver> observers, TimeProvider timeProvider, ILogger<EmailEngagement> logger)
{
    public async Task OpenedAsync(Guid emailId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changed = await db.Set<OutboundEmail>().Where(e => e.Id == emailId && e.Tracked).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.OpenedAt, e => e.OpenedAt ?? now).SetProperty(e => e.OpenCount, e => e.OpenCount + 1), cancellationToken);
        if (changed > 0)
        {
            db.Add(new EmailLogEntry { EmailId = emailId, At = now, Status = "opened" });
            await db.SaveChangesAsync(cancellationToken);
            await TellAsync(o => o.OpenedAsync(emailId, now, cancellationToken));
        }
    }

    public async Task ClickedAsync(Guid emailId, string url, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changed = await db.Set<OutboundEmail>().Where(e => e.Id == emailId && e.Tracked).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.ClickedAt, e => e.ClickedAt ?? now).SetProperty(e => e.ClickCount, e => e.ClickCount + 1), cancellationToken);
        if (changed > 0)
        {
            db.Add(new EmailLogEntry { EmailId = emailId, At = now, Status = "clicked", Detail = url.Length > 1000 ? url[..1000] : url });
            await db.SaveChangesAsync(cancellationToken);
            await TellAsync(o => o.ClickedAsync(emailId, url, now, cancellationToken));
        }
    }

    private async Task TellAsync(Func<IEmailEngagementObserver, Task> tell)
    {
        foreach (var observer in observers)
        {
            try
            {
                await tell(observer);
            }
#pragma warning disable CA1031 // The recipient's pixel or redirect must not fail for an observer's sake.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogObserverFailed(e, observer.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email engagement observer {Observer} failed")]
    private partial void LogObserverFailed(Exception exception, string observer);
}
