using CrmCdp.Web.Modules.Cdp.Audiences;
using CrmCdp.Web.Modules.Cdp.Identity;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>Recomputes each computed trait for every profile with events in its window, set-based; profiles without any are 0 (no row).</summary>
[SystemAccess("The minute job computes every computed trait.")]
internal sealed class ComputedTraitCalculator(IDbContextFactory<AppDbContext> dbFactory, IdentityRulesProvider rulesProvider, TimeProvider timeProvider)
{
    // Every statement of the WITH sees the values from before it: the changed, the upserted and the deleted rows are told apart on those.
    private const string ChangedSql = """
        SELECT f.profile_id FROM fresh f LEFT JOIN cdp_profile_computed c ON c.profile_id = f.profile_id AND c.key = @key WHERE c.value IS DISTINCT FROM f.value
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

    public async Task ComputeAsync(Guid traitId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SegmentRefresher.RefreshLock})", cancellationToken);
        var trait = await db.Set<ComputedTrait>().SingleOrDefaultAsync(t => t.Id == traitId, cancellationToken);
        if (trait is null)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var blocked = (await rulesProvider.CurrentAsync(cancellationToken)).BlockedValues.Select(v => v.ToLowerInvariant()).ToArray();
        // Profiles whose value changed (or went back to 0: no row) are queued, so segments using the trait follow within seconds.
        await using var command = new NpgsqlCommand($"""
            WITH fresh AS MATERIALIZED (
                SELECT pe.profile_id, CASE WHEN @cap IS NULL THEN sum(r.points) ELSE least(sum(r.points), @cap) END AS value
                FROM ({EventMembership.RowsOfProfiles("@since", "@as_of", "@blocked")}) pe
                JOIN jsonb_to_recordset(@rules) AS r(event text, points numeric) ON r.event = pe.name OR r.event = pe.type
                GROUP BY pe.profile_id),
            queued AS ({AudienceQueue.EnqueueQuery(ChangedSql)}),
            upserted AS (
                INSERT INTO cdp_profile_computed (profile_id, key, value, computed_at) SELECT profile_id, @key, value, @as_of FROM fresh
                ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value, computed_at = excluded.computed_at)
            DELETE FROM cdp_profile_computed c WHERE c.key = @key AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.profile_id = c.profile_id)
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.AddWithValue("key", trait.Key);
        command.Parameters.Add(new NpgsqlParameter("cap", NpgsqlDbType.Numeric) { Value = (object?)trait.Cap ?? DBNull.Value });
        command.Parameters.AddWithValue("as_of", now);
        command.Parameters.AddWithValue("since", now.AddDays(-trait.WindowDays));
        command.Parameters.Add(new NpgsqlParameter("blocked", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = blocked });
        command.Parameters.Add(new NpgsqlParameter("rules", NpgsqlDbType.Jsonb) { Value = trait.Rules });
        await command.ExecuteNonQueryAsync(cancellationToken);
        trait.LastComputedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
