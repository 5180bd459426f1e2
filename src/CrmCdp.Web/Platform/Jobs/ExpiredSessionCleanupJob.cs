using Hangfire;

namespace CrmCdp.Web.Platform.Jobs;

/// <summary>Nightly housekeeping: deletes browser sessions whose sign-in has expired.</summary>
internal sealed partial class ExpiredSessionCleanupJob(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider timeProvider,
    ILogger<ExpiredSessionCleanupJob> logger) : IRecurringJobDefinition
{
    public const string Id = "housekeeping:expired-sessions";

    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<ExpiredSessionCleanupJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));

    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deleted = await db.UserSessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        LogDeleted(logger, deleted);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired sessions")]
    private static partial void LogDeleted(ILogger logger, int count);
}
