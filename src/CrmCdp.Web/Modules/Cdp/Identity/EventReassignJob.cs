using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>
/// After the blocked values change, the events whose user id became (un)blocked follow the rule again: to or from
/// their anonymous id's profile. Under the graph's lock, so no resolver batch interleaves; the profiles are queued.
/// </summary>
[SystemAccess("Runs in the background after an admin changed the identity rules.")]
internal sealed partial class EventReassignJob(IDbContextFactory<AppDbContext> dbFactory, IdentityRulesProvider rulesProvider, ILogger<EventReassignJob> logger)
{
    public async Task<int> RunAsync(string[] userIds, CancellationToken cancellationToken)
    {
        var values = userIds.Select(v => v.ToLowerInvariant()).Distinct().ToArray();
        if (values.Length == 0)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({IdentityResolutionProcessor.GraphLock})", cancellationToken);
        rulesProvider.Invalidate();
        var blocked = (await rulesProvider.CurrentAsync(cancellationToken)).BlockedValues;
        var moved = await EventOwnership.ReassignAsync((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(),
            "SELECT id, \"timestamp\" FROM cdp_events WHERE user_id IS NOT NULL AND lower(user_id) = ANY(@values)", [new NpgsqlParameter("values", values)], blocked, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Reassigned(logger, moved, values.Length);
        return moved;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity rules changed: {Moved} events of {Values} user ids moved to another profile")]
    private static partial void Reassigned(ILogger logger, int moved, int values);
}
