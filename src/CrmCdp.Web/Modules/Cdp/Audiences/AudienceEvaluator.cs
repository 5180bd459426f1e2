using System.Diagnostics;
using CrmCdp.Web.Modules.Cdp.Segments;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Audiences;

/// <summary>
/// Incremental evaluation: brings the next queued profiles' computed traits up to date, then takes those profiles and
/// evaluates them, and only them, against every segment in dependency order, in one transaction under the segments'
/// advisory lock, so one instance evaluates at a time and a full refresh never interleaves. A segment that fails is rolled back to its savepoint and logged; the others keep
/// their changes, and the nightly reconciliation repairs what it missed.
/// </summary>
[SystemAccess("The audience evaluator keeps segment members current.")]
internal sealed partial class AudienceEvaluator(
    IDbContextFactory<AppDbContext> dbFactory, ComputedTraitCalculator traits, AudienceMetrics metrics, IOptions<AudienceOptions> options,
    TimeProvider timeProvider, ILogger<AudienceEvaluator> logger)
{
    /// <summary>Evaluates one batch; answers how many profiles it took (0 when the queue is empty or another instance is evaluating).</summary>
    public async Task<int> EvaluateQueuedAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var peeked = await AudienceQueue.PeekAsync(connection, options.Value.BatchSize, cancellationToken);
        if (peeked.Count == 0)
        {
            metrics.CaughtUp();
            return 0;
        }

        // Their computed traits first, outside the transaction that holds their queue rows.
        if (!await traits.ComputeForAsync([.. peeked.Select(p => p.ProfileId)], cancellationToken))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({SegmentRefresher.RefreshLock}) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return 0;
        }

        var taken = await AudienceQueue.TakeAsync(connection, npgsqlTransaction, peeked, cancellationToken);
        if (taken.Count == 0)
        {
            return 0;
        }

        Guid[] ids = [.. taken.Select(t => t.ProfileId)];
        var now = timeProvider.GetUtcNow();
        var segments = await SegmentsInDependencyOrderAsync(db, cancellationToken);
        var events = await PassEvents.ReadAsync(connection, npgsqlTransaction, ids, segments.Select(s => s.Definition), now, cancellationToken);
        var queryOptions = new SegmentQueryOptions(now, ids, events);
        var changes = 0L;
        foreach (var (segmentId, definition) in segments)
        {
            await npgsqlTransaction.SaveAsync("segment", cancellationToken);
            try
            {
                var compiled = SegmentSqlCompiler.Compile(definition, queryOptions);
                changes += (await SegmentMembershipDiff.ApplyAsync(connection, npgsqlTransaction, segmentId, compiled, now, ids, cancellationToken)).Changes;
                await npgsqlTransaction.ReleaseAsync("segment", cancellationToken);
            }
            catch (Exception e) when (e is PostgresException or ArgumentException)
            {
                // A statement that failed (a timeout, a definition the compiler refuses) leaves the other segments' changes standing.
                await npgsqlTransaction.RollbackAsync("segment", cancellationToken);
                LogSegmentFailed(e, segmentId, ids.Length);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.Evaluated(ids.Length, now - taken.Min(t => t.QueuedAt), changes);
        LogEvaluated(ids.Length, changes, stopwatch.ElapsedMilliseconds);
        return ids.Length;
    }

    /// <summary>Evaluates until the queue is empty (a test, the reconciliation): waits for the lock instead of giving up.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await EvaluateQueuedAsync(cancellationToken) > 0)
            {
                continue;
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Set<AudienceQueueEntry>().AnyAsync(cancellationToken))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static async Task<List<(Guid Id, SegmentCondition Definition)>> SegmentsInDependencyOrderAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var segments = (await db.Set<Segment>().AsNoTracking().Where(s => !s.IsStatic).Select(s => new { s.Id, s.Definition }).ToListAsync(cancellationToken))
            .ToDictionary(s => s.Id, s => SegmentDefinitions.Parse(s.Definition));
        return [.. SegmentRefresher.DependencyOrder(segments.ToDictionary(s => s.Key, s => SegmentDefinitions.ReferencedSegments(s.Value).ToList()))
            .Where(segments.ContainsKey)
            .Select(id => (id, segments[id]))];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating segment {SegmentId} for {Profiles} queued profiles failed; the other segments went on and the reconciliation repairs it")]
    private partial void LogSegmentFailed(Exception exception, Guid segmentId, int profiles);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Evaluated {Profiles} queued profiles: {Changes} entries and exits in {Milliseconds} ms")]
    private partial void LogEvaluated(int profiles, long changes, long milliseconds);
}
