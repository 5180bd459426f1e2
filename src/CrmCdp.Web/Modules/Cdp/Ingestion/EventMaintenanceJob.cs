using CrmCdp.Web.Platform.Jobs;
using Hangfire;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>
/// Daily: creates the monthly event partitions for the next three months (so events never pile up in the default
/// partition), drops those past the retention (<see cref="EventRetention"/>) and forgets messageIds older than the 30-day
/// de-duplication window.
/// </summary>
internal sealed class EventMaintenanceJob(IDbContextFactory<AppDbContext> dbFactory, EventRetention retention, TimeProvider timeProvider) : IRecurringJobDefinition
{
    public const string Id = "cdp:event-maintenance";
    public static readonly TimeSpan DeduplicationWindow = TimeSpan.FromDays(30);

    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<EventMaintenanceJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var month = DateOnly.FromDateTime(now.UtcDateTime);
        await db.Database.ExecuteSqlAsync($"SELECT cdp_ensure_event_partitions({month}, 4)", cancellationToken);
        await retention.DropExpiredAsync(cancellationToken);
        var before = now - DeduplicationWindow;
        return await db.Database.ExecuteSqlAsync($"DELETE FROM cdp_message_ids WHERE received_at < {before}", cancellationToken);
    }
}
