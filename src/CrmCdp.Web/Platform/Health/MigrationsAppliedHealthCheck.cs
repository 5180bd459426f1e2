using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmCdp.Web.Platform.Health;

/// <summary>Ready only when the database schema is the one this build expects.</summary>
internal sealed class MigrationsAppliedHealthCheck(IDbContextFactory<AppDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy("All migrations are applied.")
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending: {string.Join(", ", pending)}. Start with --migrate.");
    }
}
