using CrmCdp.Web.Modules.Cdp.Audiences;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// Computes the computed traits set-based (<see cref="ComputedTraitSql"/>): for the audience evaluator's next profiles
/// before it evaluates them, so a value follows an event within seconds; and for every profile with events in the window
/// when a trait is saved and on the minute job (time alone moves windows and decay), queuing the profiles whose value
/// changed. Profiles without a value have no row (0).
/// </summary>
[SystemAccess("The audience evaluator and the minute job compute the computed traits.")]
internal sealed partial class ComputedTraitCalculator(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider, ILogger<ComputedTraitCalculator> logger)
{
    // Every statement of the WITH sees the values from before it: the changed, the upserted and the deleted rows are told apart on those.
    private const string ChangedSql = """
        SELECT f.profile_id FROM fresh f LEFT JOIN cdp_profile_computed c ON c.profile_id = f.profile_id AND c.key = @key
        WHERE c.value IS DISTINCT FROM f.value OR c.text_value IS DISTINCT FROM f.text_value
        UNION ALL SELECT c.profile_id FROM cdp_profile_computed c WHERE c.key = @key AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.profile_id = c.profile_id)
        """;

    private const string UpsertSql = """
        INSERT INTO cdp_profile_computed (profile_id, key, value, text_value, computed_at) SELECT profile_id, @key, value, text_value, @as_of FROM fresh
        ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value, text_value = excluded.text_value, computed_at = excluded.computed_at
        WHERE cdp_profile_computed.value IS DISTINCT FROM excluded.value OR cdp_profile_computed.text_value IS DISTINCT FROM excluded.text_value
        """;

    public async Task<int> ComputeAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var traits = await db.Set<ComputedTrait>().Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var id in traits)
        {
            await ComputeAsync(id, cancellationToken);
        }

        return traits.Count;
    }

    /// <summary>
    /// Computes every trait for the given profiles, in a short transaction of its own under the segments' lock, so the
    /// audience queue's rows are not held while it runs (the resolver queues into them). False when another instance
    /// holds the lock. A trait whose query fails is logged and left to the minute job; the others are kept.
    /// </summary>
    public async Task<bool> ComputeForAsync(Guid[] profileIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({SegmentRefresher.RefreshLock}) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return false;
        }

        var traits = await db.Set<ComputedTrait>().AsNoTracking().ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        foreach (var trait in traits)
        {
            await npgsqlTransaction.SaveAsync("trait", cancellationToken);
            try
            {
                var fresh = ComputedTraitSql.Fresh(trait, now, "@ids");
                await using var command = new NpgsqlCommand($"""
                    WITH fresh AS MATERIALIZED ({fresh.Sql}),
                    upserted AS ({UpsertSql}),
                    deleted AS (DELETE FROM cdp_profile_computed c WHERE c.key = @key AND c.profile_id = ANY(@ids) AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.profile_id = c.profile_id))
                    SELECT 1
                    """, (NpgsqlConnection)db.Database.GetDbConnection(), npgsqlTransaction);
                fresh.AddTo(command);
                command.Parameters.AddWithValue("key", trait.Key);
                command.Parameters.AddWithValue("as_of", now);
                command.Parameters.AddWithValue("ids", profileIds);
                await command.ExecuteNonQueryAsync(cancellationToken);
                await npgsqlTransaction.ReleaseAsync("trait", cancellationToken);
            }
            catch (PostgresException e)
            {
                await npgsqlTransaction.RollbackAsync("trait", cancellationToken);
                LogTraitFailed(e, trait.Key, profileIds.Length);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Computes one trait for every profile; answers how many values changed.</summary>
    public async Task<long> ComputeAsync(Guid traitId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SegmentRefresher.RefreshLock})", cancellationToken);
        var trait = await db.Set<ComputedTrait>().SingleOrDefaultAsync(t => t.Id == traitId, cancellationToken);
        if (trait is null)
        {
            return 0;
        }

        var now = timeProvider.GetUtcNow();
        var fresh = ComputedTraitSql.Fresh(trait, now, null);
        await using var command = new NpgsqlCommand($"""
            WITH fresh AS MATERIALIZED ({fresh.Sql}),
            changed AS MATERIALIZED ({ChangedSql}),
            queued AS ({AudienceQueue.EnqueueQuery("SELECT profile_id FROM changed")}),
            upserted AS ({UpsertSql}),
            deleted AS (DELETE FROM cdp_profile_computed c WHERE c.key = @key AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.profile_id = c.profile_id))
            SELECT count(*) FROM changed
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        fresh.AddTo(command);
        command.Parameters.AddWithValue("key", trait.Key);
        command.Parameters.AddWithValue("as_of", now);
        var changed = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        trait.LastComputedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Computing trait {Key} for {Profiles} queued profiles failed; the minute job computes it again")]
    private partial void LogTraitFailed(Exception exception, string key, int profiles);
}
