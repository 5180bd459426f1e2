using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Audiences;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>
/// Real-time audiences over 1,000,000 profiles and 10,000,000 events with twenty segments: a full evaluation of a typical
/// audience and of all twenty (what the old minute loop had to do), one incremental batch of 2,000 touched profiles
/// against all twenty, a sweep of one minute's window edges, and the event-to-membership latency while /v1/batch
/// ingests 5,000 events/s with resolution on. The ratio compares the time to make a batch of touched profiles current:
/// one incremental pass, against the full evaluation of every segment that the old minute loop needed.
/// </summary>
internal sealed class AudienceScenario(int profiles = 1_000_000, int eventsPerProfile = 10) : IScenario
{
    private const int TouchedProfiles = 2000;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(20);

    public string Name => "audiences";

    public string Description => $"audiences over {profiles:N0} profiles, {profiles * eventsPerProfile:N0} events, {AudienceData.Segments().Count} segments";

    public async Task<ScenarioResult> RunAsync()
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CRMCDP_WEB", CrmImportScenario.WebProjectDirectory());
        await using var app = new AppFixture();
        // The loops are driven below, so each phase is timed alone; Hangfire stays off (its minute jobs would compete).
        await app.StartAsync("benchaudiences", useKestrel: true, new Dictionary<string, string?>
        {
            ["Cdp:Resolution:Enabled"] = "false",
            ["Cdp:Audiences:Enabled"] = "false",
            ["Jobs:RunServer"] = "false",
        });
        var services = app.Factory.Services;
        var connectionString = app.Factory.ConnectionString;
        var stopwatch = Stopwatch.StartNew();
        await AudienceData.GenerateAsync(connectionString, profiles, eventsPerProfile);
        Print($"generated {profiles:N0} profiles and {profiles * eventsPerProfile:N0} events in {stopwatch.Elapsed.TotalSeconds:N1} s");
        var segmentIds = await CreateSegmentsAsync(services);

        var refresher = services.GetRequiredService<SegmentRefresher>();
        stopwatch.Restart();
        await refresher.RefreshAllAsync(CancellationToken.None);
        Print($"first full evaluation of all segments (writes every member): {stopwatch.Elapsed.TotalSeconds:N1} s");
        if (Environment.GetEnvironmentVariable("BENCH_AUDIENCE_LATENCY_ONLY") == "1")
        {
            // The window edges since the data's generation, as the skipped phases would have swept and drained them.
            await services.GetRequiredService<WindowEdgeSweep>().SweepAsync(CancellationToken.None);
            await services.GetRequiredService<AudienceEvaluator>().DrainAsync(CancellationToken.None);
            var alone = await LatencyUnderLoadAsync(app, segmentIds);
            PrintLatency(alone);
            return new ScenarioResult("event-to-membership p95", alone.P95 * 1000, "its resolution p95", alone.ResolvedP95 * 1000, " ms", LowerIsBetter: true);
        }

        var typical = await Timing.MedianMillisecondsAsync(() => refresher.RefreshAsync(segmentIds[0], CancellationToken.None), 3);
        var fullAll = await Timing.MedianMillisecondsAsync(() => refresher.RefreshAllAsync(CancellationToken.None), 1);
        Print($"full evaluation of the typical audience: median {typical:N0} ms; of all {segmentIds.Count} segments: {fullAll:N0} ms");
        var query = await TypicalQueryAgainstRawEventsAsync(connectionString);
        Print($"the typical audience's query alone: median {query.Ours:N0} ms from the events' profiles against {query.Raw:N0} ms by plain indexed SQL over the raw events " +
              $"joined to identifiers ({query.Raw / query.Ours:N1}x; same members: {query.Same})");

        var evaluator = services.GetRequiredService<AudienceEvaluator>();
        var incremental = await Timing.MedianMillisecondsAsync(async () => await QueueRandomProfilesAndEvaluateAsync(connectionString, evaluator), 5);
        Print($"incremental: {TouchedProfiles:N0} queued profiles against all {segmentIds.Count} segments: median {incremental:N0} ms");

        var sweep = await SweepOneMinuteAsync(connectionString, services);
        Print($"sweep of one minute's window edges: {sweep.Sweep:N0} ms, queuing {sweep.Queued:N0} profiles, evaluated in {sweep.Drain:N0} ms");

        PrintLatency(await LatencyUnderLoadAsync(app, segmentIds));
        await ExplainSlowestAsync(connectionString, services);
        // What it takes to make 2,000 changed profiles current: one incremental pass, against the full evaluation the old minute loop ran.
        return new ScenarioResult(
            $"incremental pass for {TouchedProfiles:N0} touched profiles, {segmentIds.Count} segments", incremental,
            $"full evaluation of the {segmentIds.Count} segments", fullAll, " ms", LowerIsBetter: true);
    }

    private static void PrintLatency(Latency latency) =>
        Print($"under /v1/batch load ({latency.EventsPerSecond:N0} events/s for {LoadDuration.TotalSeconds:N0} s, resolution and evaluation on): " +
              $"event-to-membership p50 {latency.P50:N2} s, p95 {latency.P95:N2} s, max {latency.Max:N2} s over {latency.Samples:N0} entries " +
              $"(of which resolution p50 {latency.ResolvedP50:N2} s, p95 {latency.ResolvedP95:N2} s); app working set peak {latency.PeakMemoryMiB:N0} MiB");

    private static void Print(string line) => Console.WriteLine("   " + line);

    private static async Task<List<Guid>> CreateSegmentsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var segments = AudienceData.Segments().Select(s => new Segment { Id = Guid.CreateVersion7(), Name = s.Name, Definition = SegmentDefinitions.Serialize(s.Definition), CreatedAt = now, UpdatedAt = now }).ToList();
        db.AddRange(segments);
        await db.SaveChangesAsync();
        return [.. segments.Select(s => s.Id)];
    }

    private async Task QueueRandomProfilesAndEvaluateAsync(string connectionString, AudienceEvaluator evaluator)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var queue = new NpgsqlCommand(AudienceQueue.EnqueueQuery($"SELECT md5('p' || (1 + floor(random() * {profiles})::int))::uuid FROM generate_series(1, {TouchedProfiles})"), connection);
            await queue.ExecuteNonQueryAsync();
        }

        while (await evaluator.EvaluateQueuedAsync(CancellationToken.None) > 0)
        {
        }
    }

    private static async Task<(double Sweep, long Queued, double Drain)> SweepOneMinuteAsync(string connectionString, IServiceProvider services)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var rewind = new NpgsqlCommand($"UPDATE cdp_audience_checkpoints SET swept_to = now() - interval '1 minute' WHERE name = '{WindowEdgeSweep.CheckpointName}'", connection);
            await rewind.ExecuteNonQueryAsync();
        }

        var stopwatch = Stopwatch.StartNew();
        var queued = await services.GetRequiredService<WindowEdgeSweep>().SweepAsync(CancellationToken.None);
        var sweep = stopwatch.Elapsed.TotalMilliseconds;
        stopwatch.Restart();
        await services.GetRequiredService<AudienceEvaluator>().DrainAsync(CancellationToken.None);
        return (sweep, queued, stopwatch.Elapsed.TotalMilliseconds);
    }

    private sealed record Latency(double EventsPerSecond, double P50, double P95, double Max, int Samples, double PeakMemoryMiB, double ResolvedP50, double ResolvedP95);

    private static async Task<Latency> LatencyUnderLoadAsync(AppFixture app, List<Guid> segmentIds)
    {
        var services = app.Factory.Services;
        using var admin = app.AdminApi();
        using var created = await admin.PostAsJsonAsync("/api/v1/sources", new { name = "Bench", type = "server" });
        var source = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (sourceId, writeKey) = (Guid.Parse(source.GetProperty("id").GetString()!), source.GetProperty("writeKey").GetString()!);
        var resolver = services.GetRequiredService<IdentityResolutionProcessor>();
        var evaluator = services.GetRequiredService<AudienceEvaluator>();
        var sweep = services.GetRequiredService<WindowEdgeSweep>();
        using var stop = new CancellationTokenSource();
        var peakWorkingSet = 0L;
        // When each resolver pass ended and how far it had resolved, to split the latency into resolution and evaluation.
        var resolvedUpTo = new List<(DateTimeOffset At, long EventId)>();
        var loops = new[]
        {
            Loop(async () =>
            {
                var idle = await resolver.RunOnceAsync(CancellationToken.None) == 0;
                resolvedUpTo.Add((DateTimeOffset.UtcNow, await ResolvedUpToAsync(app.Factory.ConnectionString)));
                return idle;
            }, TimeSpan.FromMilliseconds(250)),
            Loop(async () => await evaluator.EvaluateQueuedAsync(CancellationToken.None) == 0, TimeSpan.FromMilliseconds(250)),
            Loop(async () => await sweep.SweepAsync(CancellationToken.None) >= 0, TimeSpan.FromSeconds(30)),
            Loop(() =>
            {
                peakWorkingSet = Math.Max(peakWorkingSet, Process.GetCurrentProcess().WorkingSet64);
                return Task.FromResult(true);
            }, TimeSpan.FromMilliseconds(500)),
        };
        var load = await IngestionLoad.RunInChildProcessAsync(app.Factory.ClientOptions.BaseAddress, writeKey, 16, 100, LoadDuration, requestsPerSecond: 50);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await using (var connection = new NpgsqlConnection(app.Factory.ConnectionString))
        {
            await connection.OpenAsync();
            for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(3) && await BehindAsync(connection);)
            {
                await Task.Delay(500);
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(loops);
        var entries = await EntryLatenciesAsync(app.Factory.ConnectionString, sourceId, [.. segmentIds.TakeLast(AudienceData.LatencyThresholds.Length)]);
        var latencies = entries.Select(e => (e.Entered - e.Received).TotalSeconds).Order().ToList();
        var resolved = entries.Select(e => (ResolvedAt(e.EventId) ?? e.Entered) - e.Received).Select(t => t.TotalSeconds).Order().ToList();
        static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
        return new Latency(load.Events, Percentile(latencies, 0.5), Percentile(latencies, 0.95), latencies.Count == 0 ? double.NaN : latencies[^1], latencies.Count, peakWorkingSet / 1048576.0,
            Percentile(resolved, 0.5), Percentile(resolved, 0.95));

        DateTimeOffset? ResolvedAt(long eventId) => resolvedUpTo.Where(r => r.EventId >= eventId).Select(r => (DateTimeOffset?)r.At).FirstOrDefault();

        Task Loop(Func<Task<bool>> step, TimeSpan idle) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (await step())
                {
                    await Task.Delay(idle, CancellationToken.None);
                }
            }
        });
    }

    private static async Task<long> ResolvedUpToAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<bool> BehindAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT max(id) FROM cdp_events) > (SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity')
                OR EXISTS (SELECT 1 FROM cdp_audience_queue)
            """, connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>For each entry into a threshold segment: the event that made the count, its arrival, and the evaluation that saw it.</summary>
    private static async Task<List<(long EventId, DateTimeOffset Received, DateTimeOffset Entered)>> EntryLatenciesAsync(string connectionString, Guid sourceId, Guid[] thresholdSegments)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH load_events AS (
                SELECT id, user_id, received_at, row_number() OVER (PARTITION BY user_id ORDER BY id) AS n FROM cdp_events WHERE source_id = @source),
            entries AS (
                SELECT c.at, i.value AS user_id, s.threshold FROM cdp_segment_changes c
                JOIN unnest(@segments, @thresholds) AS s(id, threshold) ON s.id = c.segment_id
                JOIN cdp_identifiers i ON i.profile_id = c.profile_id AND i.type = 'user_id'
                WHERE c.kind = 'entered')
            SELECT le.id, le.received_at, en.at FROM entries en JOIN load_events le ON le.user_id = en.user_id AND le.n = en.threshold
            """, connection);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.AddWithValue("segments", thresholdSegments);
        command.Parameters.AddWithValue("thresholds", AudienceData.LatencyThresholds);
        command.CommandTimeout = 600;
        var entries = new List<(long, DateTimeOffset, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add((reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return entries;
    }

    /// <summary>
    /// The typical audience's compiled query, and the same audience as plain indexed SQL over the raw events joined to their
    /// identifiers by text (what segments ran before the events carried their profile), each timed alone.
    /// </summary>
    private static async Task<(double Ours, double Raw, bool Same)> TypicalQueryAgainstRawEventsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var asOf = DateTimeOffset.UtcNow;
        var compiled = SegmentSqlCompiler.Compile(AudienceData.Segments()[0].Definition, new SegmentQueryOptions(asOf));
        long ours = 0, raw = 0;
        var oursMs = await Timing.MedianMillisecondsAsync(async () =>
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM ({compiled.Sql}) q", connection) { CommandTimeout = 600 };
            compiled.AddTo(command);
            ours = (long)(await command.ExecuteScalarAsync())!;
        }, 3);
        var rawMs = await Timing.MedianMillisecondsAsync(async () =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FROM cdp_profiles p JOIN (
                    SELECT i.profile_id FROM cdp_events e JOIN cdp_identifiers i ON i.type = 'user_id' AND i.value = e.user_id
                    WHERE e.event = 'Pricing Viewed' AND e."timestamp" > @since AND e."timestamp" <= @as_of GROUP BY 1 HAVING count(*) >= 2) ev ON ev.profile_id = p.id
                WHERE p.merged_into_id IS NULL AND p.traits->>'plan' = 'pro' AND (p.traits->>'seats')::numeric >= 10
                """, connection) { CommandTimeout = 600 };
            command.Parameters.AddWithValue("since", asOf.AddDays(-14));
            command.Parameters.AddWithValue("as_of", asOf);
            raw = (long)(await command.ExecuteScalarAsync())!;
        }, 3);
        return (oursMs, rawMs, ours == raw);
    }

    /// <summary>Each segment's query for one incremental batch, timed alone; the plan of the slowest.</summary>
    private static async Task ExplainSlowestAsync(string connectionString, IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var segments = await db.Set<Segment>().AsNoTracking().ToListAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var ids = new List<Guid>();
        await using (var sample = new NpgsqlCommand($"SELECT id FROM cdp_profiles TABLESAMPLE SYSTEM (1) LIMIT {TouchedProfiles}", connection))
        await using (var reader = await sample.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var timed = new List<(string Name, double Milliseconds, CompiledSegment Compiled)>();
        foreach (var segment in segments)
        {
            var compiled = SegmentSqlCompiler.Compile(SegmentDefinitions.Parse(segment.Definition), new SegmentQueryOptions(DateTimeOffset.UtcNow, [.. ids]));
            var milliseconds = await Timing.MedianMillisecondsAsync(async () =>
            {
                await using var query = new NpgsqlCommand($"SELECT count(*) FROM ({compiled.Sql}) q", connection);
                compiled.AddTo(query);
                await query.ExecuteScalarAsync();
            }, 3);
            timed.Add((segment.Name, milliseconds, compiled));
        }

        Print($"each segment's query for {ids.Count:N0} touched profiles (median of 3): " + string.Join("; ", timed.OrderByDescending(t => t.Milliseconds).Select(t => $"{t.Name} {t.Milliseconds:N1} ms")));
        var slowest = timed.MaxBy(t => t.Milliseconds);
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + slowest.Compiled.Sql, connection);
        slowest.Compiled.AddTo(explain);
        await using var plan = await explain.ExecuteReaderAsync();
        Print($"plan of the slowest, “{slowest.Name}”:");
        while (await plan.ReadAsync())
        {
            var line = plan.GetString(0);
            Print("  " + (line.Length > 200 ? line[..200] + "…" : line));
        }
    }
}
