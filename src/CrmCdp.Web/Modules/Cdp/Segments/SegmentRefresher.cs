using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <param name="Unexplained">Entries and exits of profiles that were not waiting for incremental evaluation (see <see cref="MembershipDiff"/>).</param>
internal sealed record SegmentRefreshResult(Guid SegmentId, long Members, long Entered, long Exited, long Unexplained);

/// <summary>
/// Recomputes a segment's members over every profile and records the difference as entries and exits, in one
/// statement and one transaction; segments that others depend on are refreshed first. Used when a segment is saved and
/// by the nightly reconciliation; between those, incremental evaluation keeps members current.
/// </summary>
[SystemAccess("The minute job (and a save) recomputes segment members.")]
internal sealed partial class SegmentRefresher(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider, ILogger<SegmentRefresher> logger)
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
        // A full evaluation groups the window's events of up to every profile: in memory rather than in spilled batches
        // (one evaluation at a time runs, under the lock above).
        await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '64MB'", cancellationToken);
        var segment = await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == segmentId, cancellationToken);
        if (segment is null || segment.IsStatic)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var compiled = SegmentSqlCompiler.Compile(SegmentDefinitions.Parse(segment.Definition), new SegmentQueryOptions(now));
        var diff = await SegmentMembershipDiff.ApplyAsync(
            (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), segmentId, compiled, now, null, cancellationToken);
        var result = new SegmentRefreshResult(segmentId, diff.Members!.Value, diff.Entered, diff.Exited, diff.Unexplained);
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
