using CrmCdp.Web.Platform.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>Daily: forgets delivered and failed deliveries (and their attempts) older than <see cref="DestinationOptions.RetentionDays"/>, a chunk at a time.</summary>
internal sealed class DeliveryRetentionJob(IDbContextFactory<AppDbContext> dbFactory, IOptions<DestinationOptions> options, TimeProvider timeProvider) : IRecurringJobDefinition
{
    public const string Id = "cdp:prune-deliveries";
    private const int Chunk = 10_000;

    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<DeliveryRetentionJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(4));

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var before = timeProvider.GetUtcNow().AddDays(-Math.Max(1, options.Value.RetentionDays));
        long pruned = 0;
        int deleted;
        do
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            deleted = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM cdp_deliveries WHERE id IN (
                    SELECT id FROM cdp_deliveries WHERE status IN ('delivered', 'failed') AND created_at < {before} LIMIT {Chunk})
                """, cancellationToken);
            pruned += deleted;
        }
        while (deleted == Chunk);

        return pruned;
    }
}
