using CrmCdp.Web.Modules.Cdp.Audiences;
using CrmCdp.Web.Modules.Cdp.Identity;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// Recomputes each computed trait for every profile with events in its window, set-based (<see cref="ComputedTraitSql"/>),
/// when a trait is saved and on the minute job; profiles without a value have no row (0). The profiles whose value
/// changed are queued, so segments using the trait follow within seconds.
/// </summary>
[SystemAccess("The minute job computes every computed trait.")]
internal sealed class ComputedTraitCalculator(IDbContextFactory<AppDbContext> dbFactory, IdentityRulesProvider rulesProvider, TimeProvider timeProvider)
{
    // Every statement of the WITH sees the values from before it: the changed, the upserted and the deleted rows are told apart on those.
    private const string ChangedSql = """
        SELECT f.profile_id FROM fresh f LEFT JOIN cdp_profile_computed c ON c.profile_id = f.profile_id AND c.key = @key
        WHERE c.value IS DISTINCT FROM f.value OR c.text_value IS DISTINCT FROM f.text_value
        UNION ALL SELECT c.profile_id FROM cdp_profile_computed c WHERE c.key = @key AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.profile_id = c.profile_id)
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
        var blocked = (await rulesProvider.CurrentAsync(cancellationToken)).BlockedValues.Select(v => v.ToLowerInvariant()).ToArray();
        var fresh = ComputedTraitSql.Fresh(trait, now, null, blocked);
        await using var command = new NpgsqlCommand($"""
            WITH fresh AS MATERIALIZED ({fresh.Sql}),
            changed AS MATERIALIZED ({ChangedSql}),
            queued AS ({AudienceQueue.EnqueueQuery("SELECT profile_id FROM changed")}),
            upserted AS (
                INSERT INTO cdp_profile_computed (profile_id, key, value, text_value, computed_at) SELECT profile_id, @key, value, text_value, @as_of FROM fresh
                ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value, text_value = excluded.text_value, computed_at = excluded.computed_at
                WHERE cdp_profile_computed.value IS DISTINCT FROM excluded.value OR cdp_profile_computed.text_value IS DISTINCT FROM excluded.text_value),
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
}
