using CrmCdp.Web.Modules.Cdp.Identity;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>Recomputes each computed trait for every profile with events in its window, set-based; profiles without any are 0 (no row).</summary>
[SystemAccess("The minute job computes every computed trait.")]
internal sealed class ComputedTraitCalculator(IDbContextFactory<AppDbContext> dbFactory, IdentityRulesProvider rulesProvider, TimeProvider timeProvider)
{
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
        await using var command = new NpgsqlCommand($"""
            INSERT INTO cdp_profile_computed (profile_id, key, value, computed_at)
            SELECT pe.profile_id, @key, CASE WHEN @cap IS NULL THEN sum(r.points) ELSE least(sum(r.points), @cap) END, @as_of
            FROM ({EventMembership.RowsOfProfiles("@since", "@as_of", "@blocked")}) pe
            JOIN jsonb_to_recordset(@rules) AS r(event text, points numeric) ON r.event = pe.name OR r.event = pe.type
            GROUP BY pe.profile_id
            ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value, computed_at = excluded.computed_at;
            DELETE FROM cdp_profile_computed WHERE key = @key AND computed_at <> @as_of;
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
