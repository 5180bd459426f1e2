using CrmCdp.Web.Modules.Cdp.Audiences;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// Keeps <c>cdp_profile_computed</c> equal to each computed trait over its window: for the profiles the audience
/// evaluator takes (touched by a resolver batch or by a window edge, before their segments are evaluated), for every
/// profile when a trait is saved and nightly, and every minute for the traits whose values move with time alone (decay,
/// days since). Profiles without a value have no row (0).
/// </summary>
[SystemAccess("The audience evaluator and the minute job compute every computed trait.")]
internal sealed class ComputedTraitCalculator(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    // Every statement of the WITH sees the values from before it: the changed, the upserted and the deleted rows are told apart on those.
    private static string Changed(string among) => $"""
        SELECT f.profile_id FROM fresh f LEFT JOIN cdp_profile_computed c ON c.profile_id = f.profile_id AND c.key = @key
        WHERE c.value IS DISTINCT FROM f.value OR c.text_value IS DISTINCT FROM f.text_value
        UNION ALL SELECT c.profile_id FROM cdp_profile_computed c WHERE c.key = @key{among} AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.profile_id = c.profile_id)
        """;

    /// <summary>Computes every trait (or those whose values move with time alone) for every profile; answers how many values each changed.</summary>
    public async Task<IReadOnlyList<ComputedTraitRun>> ComputeAllAsync(CancellationToken cancellationToken, bool driftingOnly = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var traits = (await db.Set<ComputedTrait>().AsNoTracking().ToListAsync(cancellationToken))
            .Where(t => !driftingOnly || ComputedTraitKinds.DriftsWithTime(t)).Select(t => t.Id).ToList();
        var runs = new List<ComputedTraitRun>();
        foreach (var id in traits)
        {
            if (await ComputeAsync(id, cancellationToken) is { } run)
            {
                runs.Add(run);
            }
        }

        return runs;
    }

    /// <summary>Computes one trait for every profile; the profiles whose value changed are queued for their segments.</summary>
    public async Task<ComputedTraitRun?> ComputeAsync(Guid traitId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SegmentRefresher.RefreshLock})", cancellationToken);
        var trait = await db.Set<ComputedTrait>().SingleOrDefaultAsync(t => t.Id == traitId, cancellationToken);
        if (trait is null)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var changed = await WriteAsync((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), trait, now, null, cancellationToken);
        trait.LastComputedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ComputedTraitRun(trait.Key, ComputedTraitKinds.DriftsWithTime(trait), changed);
    }

    /// <summary>Computes every trait for the given profiles, in the caller's transaction (which holds the segments' lock); they are being evaluated, so none is queued.</summary>
    public static async Task ComputeForAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ComputedTrait> traits, Guid[] profileIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var trait in traits)
        {
            await WriteAsync(connection, transaction, trait, now, profileIds, cancellationToken);
        }
    }

    /// <summary>Writes the trait's values (of the given profiles, or all); answers how many changed.</summary>
    private static async Task<long> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ComputedTrait trait, DateTimeOffset now, Guid[]? profileIds, CancellationToken cancellationToken)
    {
        var fresh = ComputedTraitSql.Fresh(trait, now, profileIds is null ? null : "@ids");
        var among = profileIds is null ? "" : " AND c.profile_id = ANY(@ids)";
        var queued = profileIds is null ? $"queued AS ({AudienceQueue.EnqueueQuery("SELECT profile_id FROM changed")})," : "";
        await using var command = new NpgsqlCommand($"""
            WITH fresh AS MATERIALIZED ({fresh.Sql}),
            changed AS MATERIALIZED ({Changed(among)}),
            {queued}
            upserted AS (
                INSERT INTO cdp_profile_computed (profile_id, key, value, text_value, computed_at) SELECT profile_id, @key, value, text_value, @as_of FROM fresh
                ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value, text_value = excluded.text_value, computed_at = excluded.computed_at
                WHERE cdp_profile_computed.value IS DISTINCT FROM excluded.value OR cdp_profile_computed.text_value IS DISTINCT FROM excluded.text_value),
            deleted AS (DELETE FROM cdp_profile_computed c WHERE c.key = @key{among} AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.profile_id = c.profile_id))
            SELECT count(*) FROM changed
            """, connection, transaction);
        fresh.AddTo(command);
        command.Parameters.AddWithValue("key", trait.Key);
        command.Parameters.AddWithValue("as_of", now);
        if (profileIds is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", profileIds));
        }

        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

/// <summary>One trait computed for every profile: how many values changed, and whether values move with time alone (decay, days since).</summary>
internal sealed record ComputedTraitRun(string Key, bool DriftsWithTime, long Changed);
