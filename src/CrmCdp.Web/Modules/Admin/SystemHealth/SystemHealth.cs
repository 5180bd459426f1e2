using Hangfire;

namespace CrmCdp.Web.Modules.Admin.SystemHealth;

public sealed record FailedJob(string Id, string Name, string? Reason, DateTime? FailedAt);

/// <summary>The background work and the database at a glance: Hangfire's counts, the latest failures and the database's size.</summary>
public sealed record SystemHealthDto(long Enqueued, long Processing, long Scheduled, long Failed, long Servers, IReadOnlyList<FailedJob> RecentFailures, long DatabaseBytes);

/// <summary>What an admin's home shows about the machine: jobs from Hangfire's monitoring API, the size from PostgreSQL.</summary>
internal sealed class SystemHealth(JobStorage jobs, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<SystemHealthDto?> CurrentAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.Jobs))
        {
            return null;
        }

        var monitoring = jobs.GetMonitoringApi();
        var stats = monitoring.GetStatistics();
        var failures = monitoring.FailedJobs(0, 5).Select(f => new FailedJob(
            f.Key, f.Value.Job is { } job ? $"{job.Type.Name}.{job.Method.Name}" : "(unknown job)", f.Value.ExceptionMessage, f.Value.FailedAt)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var size = await db.Database.SqlQuery<long>($"SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(cancellationToken);
        return new SystemHealthDto(stats.Enqueued, stats.Processing, stats.Scheduled, stats.Failed, stats.Servers, failures, size);
    }
}
