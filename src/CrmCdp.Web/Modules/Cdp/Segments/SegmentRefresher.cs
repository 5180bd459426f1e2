using CrmCdp.Web.Modules.Cdp.Identity;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Segments;

internal sealed record SegmentRefreshResult(Guid SegmentId, long Members, long Entered, long Exited);

/// <summary>
/// Recomputes a segment's members with its compiled query and records the difference as entries and exits, in one
/// statement and one transaction; segments that others depend on are refreshed first.
/// </summary>
[SystemAccess("The minute job (and a save) recomputes segment members.")]
internal sealed partial class SegmentRefresher(IDbContextFactory<AppDbContext> dbFactory, IdentityRulesProvider rulesProvider, TimeProvider timeProvider, ILogger<SegmentRefresher> logger)
{
    /// <summary>Serialises refreshes across app instances (pg_advisory_xact_lock key).</summary>
    public const long RefreshLock = 0x5E6_0001;

    public async Task<IReadOnlyList<SegmentRefreshResult>> RefreshAllAsync(CancellationToken cancellationToken)
    {
        List<(Guid Id, string Definition)> segments;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            segments = [.. (await db.Set<Segment>().AsNoTracking().Select(s => new { s.Id, s.Definition }).ToListAsync(cancellationToken)).Select(s => (s.Id, s.Definition))];
        }

        var results = new List<SegmentRefreshResult>();
        foreach (var id in DependencyOrder(segments.ToDictionary(s => s.Id, s => SegmentDefinitions.ReferencedSegments(SegmentDefinitions.Parse(s.Definition)).ToList())))
        {
            try
            {
                if (await RefreshAsync(id, cancellationToken) is { } result)
                {
                    results.Add(result);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One segment failing (deleted mid-run, a timeout) must not keep the others stale; it is tried again next minute.
                LogRefreshFailed(e, id);
            }
        }

        return results;
    }

    public async Task<SegmentRefreshResult?> RefreshAsync(Guid segmentId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RefreshLock})", cancellationToken);
        var segment = await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == segmentId, cancellationToken);
        if (segment is null)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var rules = await rulesProvider.CurrentAsync(cancellationToken);
        var compiled = SegmentSqlCompiler.Compile(SegmentDefinitions.Parse(segment.Definition), new SegmentQueryOptions(now, [.. rules.BlockedValues.Select(v => v.ToLowerInvariant())]));
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand($"""
            WITH target AS MATERIALIZED ({compiled.Sql}),
            entered AS (
                INSERT INTO cdp_segment_members (segment_id, profile_id, entered_at) SELECT @segment_id, id, @now FROM target
                ON CONFLICT DO NOTHING RETURNING profile_id),
            exited AS (
                DELETE FROM cdp_segment_members m WHERE m.segment_id = @segment_id AND NOT EXISTS (SELECT 1 FROM target t WHERE t.id = m.profile_id)
                RETURNING profile_id),
            changes AS (
                INSERT INTO cdp_segment_changes (segment_id, profile_id, kind, at)
                SELECT @segment_id, profile_id, 'entered', @now FROM entered UNION ALL SELECT @segment_id, profile_id, 'exited', @now FROM exited
                RETURNING kind)
            SELECT (SELECT count(*) FROM target), count(*) FILTER (WHERE kind = 'entered'), count(*) FILTER (WHERE kind = 'exited') FROM changes
            """, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        compiled.AddTo(command);
        command.CommandTimeout = 600;
        command.Parameters.AddWithValue("segment_id", segmentId);
        command.Parameters.AddWithValue("now", now);
        SegmentRefreshResult result;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            result = new SegmentRefreshResult(segmentId, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        // Not through the tracked entity: its version is the editors' concurrency token, and a save during the refresh must not fail either side.
        await db.Set<Segment>().Where(s => s.Id == segmentId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.MemberCount, result.Members).SetProperty(s => s.LastComputedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRefreshed(segment.Name, result.Members, result.Entered, result.Exited);
        return result;
    }

    /// <summary>Segments ordered so that each comes after the segments its conditions name (cycles are refused on save).</summary>
    public static IReadOnlyList<Guid> DependencyOrder(IReadOnlyDictionary<Guid, List<Guid>> dependencies)
    {
        var ordered = new List<Guid>();
        var visited = new HashSet<Guid>();
        void Visit(Guid id, int depth)
        {
            if (depth > dependencies.Count || !visited.Add(id))
            {
                return;
            }

            foreach (var dependency in dependencies.GetValueOrDefault(id) ?? [])
            {
                if (dependencies.ContainsKey(dependency))
                {
                    Visit(dependency, depth + 1);
                }
            }

            ordered.Add(id);
        }

        foreach (var id in dependencies.Keys.Order())
        {
            Visit(id, 0);
        }

        return ordered;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Refreshing segment {SegmentId} failed; the other segments went on")]
    private partial void LogRefreshFailed(Exception exception, Guid segmentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Segment {Segment} refreshed: {Members} members, {Entered} entered, {Exited} exited")]
    private partial void LogRefreshed(string segment, long members, long entered, long exited);
}
