using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>
/// Durable ingestion through the real app on a Kestrel port: /v1/batch (100 events of ~600 bytes, 16 concurrent
/// clients) and /v1/track (one event per request, 64 clients). In the same run, the database's own ceiling: a binary
/// COPY of the same events into the same table shape with the same dedup step, and a naive INSERT-per-event loop.
/// </summary>
internal sealed class IngestionScenario(TimeSpan? duration = null) : IScenario
{
    private readonly TimeSpan _duration = duration ?? TimeSpan.FromSeconds(10);

    public string Name => "ingestion";

    public string Description => $"Collection API durable throughput vs. raw COPY and INSERT-per-event ({_duration.TotalSeconds:N0} s each)";

    public async Task<ScenarioResult> RunAsync()
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CRMCDP_WEB", CrmImportScenario.WebProjectDirectory());
        await using var app = new AppFixture();
        // The collection API alone: identity resolution following the same events is measured by the identity scenario.
        await app.StartAsync("benchingest", useKestrel: true, new Dictionary<string, string?> { ["Cdp:Resolution:Enabled"] = "false" });
        using var admin = app.AdminApi();
        using var created = await admin.PostAsJsonAsync("/api/v1/sources", new { name = "Bench", type = "server" });
        var source = await created.Content.ReadFromJsonAsync<JsonElement>();
        var writeKey = source.GetProperty("writeKey").GetString()!;
        var sourceId = Guid.Parse(source.GetProperty("id").GetString()!);
        var baseAddress = app.Factory.ClientOptions.BaseAddress;
        await TuneForIngestionAsync(app.Factory.ConnectionString);

        // The load comes from a child process, so its timers and thread pool are not the app's.
        var batchRate = await IngestionLoad.RunInChildProcessAsync(baseAddress, writeKey, 16, batchSize: 100, _duration);
        var trackRate = await IngestionLoad.RunInChildProcessAsync(baseAddress, writeKey, 64, batchSize: 1, _duration);
        // The app runs in this process: its commit-latency histogram tells server stalls from load-generator lateness.
        var commits = new List<double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Name == "crmcdp.ingestion.commit_latency") { l.EnableMeasurementEvents(instrument); } };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (commits) { commits.Add(value); } });
        listener.Start();
        var batchHalf = await IngestionLoad.RunInChildProcessAsync(baseAddress, writeKey, 64, batchSize: 100, _duration, batchRate.Requests / 2);
        listener.Dispose();
        commits.Sort();
        var trackHalf = await IngestionLoad.RunInChildProcessAsync(baseAddress, writeKey, 64, batchSize: 1, _duration, trackRate.Requests / 2);
        var copyRate = await RawCopyAsync(app.Factory.ConnectionString, sourceId);
        var insertRate = await InsertPerEventAsync(app.Factory.ConnectionString, sourceId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   /v1/batch (100 × ~600 B, 16 clients): {batchRate.Events,10:N0} events/s, p99 {batchRate.P99,6:N1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   /v1/track (64 clients):               {trackRate.Requests,10:N0} requests/s, p99 {trackRate.P99,6:N1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   /v1/batch at half that load:          {batchHalf.Events,10:N0} events/s, p99 {batchHalf.P99,6:N1} ms from the scheduled send time, {batchHalf.ServiceP99,6:N1} ms from the actual send (p50 {batchHalf.ServiceP50:N1} ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"     its {commits.Count:N0} commits: p50 {commits[commits.Count / 2]:N1} ms, p99 {commits[(int)(commits.Count * 0.99)]:N1} ms, max {commits[^1]:N1} ms, {commits.Count(c => c > 50)} over 50 ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   /v1/track at half that load:          {trackHalf.Requests,10:N0} requests/s, p99 {trackHalf.P99,6:N1} ms from the scheduled send time, {trackHalf.ServiceP99,6:N1} ms from the actual send (p50 {trackHalf.ServiceP50:N1} ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   raw binary COPY + dedup:              {copyRate,10:N0} events/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   one INSERT per event:                 {insertRate,10:N0} events/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   /v1/batch vs raw COPY: {100 * batchRate.Events / copyRate:N0} %"));
        return new ScenarioResult("/v1/batch durable (ours)", batchRate.Events, "one INSERT per event", insertRate, " events/s");
    }

    // The most events the app's writer puts in one commit: the baseline gets the same batching.
    private const int RowsPerCopy = 5000;

    private static string Event(int i) => IngestionLoad.Event(i);

    /// <summary>
    /// Durable settings (the throwaway test cluster starts with fsync off) and the checkpoint settings docker-compose.yml
    /// gives PostgreSQL (the default 1 GB of WAL forces a checkpoint every few seconds at these rates). Then the WAL is
    /// warmed: a fresh cluster creates and zero-fills every 16 MB WAL segment the first time it needs it, holding the WAL
    /// write lock for 100–250 ms, while a running server renames (recycles) the segments an earlier checkpoint freed.
    /// Without this, the latency figures measure initdb's newness, not the app.
    /// </summary>
    private static async Task TuneForIngestionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var tune = new NpgsqlCommand("""
            ALTER SYSTEM SET fsync = on; ALTER SYSTEM SET synchronous_commit = on; ALTER SYSTEM SET full_page_writes = on;
            ALTER SYSTEM SET max_wal_size = '4GB'; ALTER SYSTEM SET min_wal_size = '2GB'; ALTER SYSTEM SET checkpoint_timeout = '15min'; ALTER SYSTEM SET backend_flush_after = '256kB';
            SELECT pg_reload_conf();
            CREATE TABLE IF NOT EXISTS bench_wal_warmup (n int);
            """, connection);
        await tune.ExecuteNonQueryAsync();
        var stopwatch = Stopwatch.StartNew();
        for (var segment = 0; segment < 2048 / 16; segment++)
        {
            await using var fill = new NpgsqlCommand("INSERT INTO bench_wal_warmup VALUES (1); SELECT pg_switch_wal();", connection);
            await fill.ExecuteNonQueryAsync();
        }

        await using var checkpoint = new NpgsqlCommand("DROP TABLE bench_wal_warmup; CHECKPOINT; SELECT count(*) FROM pg_ls_waldir();", connection);
        var segments = await checkpoint.ExecuteScalarAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   WAL warmed in {stopwatch.Elapsed.TotalSeconds:N1} s: {segments} segments ready for recycling"));
    }

    private async Task<double> RawCopyAsync(string connectionString, Guid sourceId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var stored = 0L;
        var stopwatch = Stopwatch.StartNew();
        var i = 0;
        while (stopwatch.Elapsed < _duration)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var create = new NpgsqlCommand("CREATE TEMP TABLE IF NOT EXISTS raw_stage (source_id uuid, message_id varchar(100), type varchar(10), event varchar(255), user_id varchar(255), \"timestamp\" timestamptz, received_at timestamptz, payload jsonb) ON COMMIT DELETE ROWS", connection, transaction))
            {
                await create.ExecuteNonQueryAsync();
            }

            await using (var importer = await connection.BeginBinaryImportAsync("COPY raw_stage FROM STDIN (FORMAT BINARY)"))
            {
                for (var n = 0; n < RowsPerCopy; n++, i++)
                {
                    var now = DateTimeOffset.UtcNow;
                    await importer.StartRowAsync();
                    await importer.WriteAsync(sourceId, NpgsqlDbType.Uuid);
                    await importer.WriteAsync($"raw-{i}", NpgsqlDbType.Varchar);
                    await importer.WriteAsync("track", NpgsqlDbType.Varchar);
                    await importer.WriteAsync("Product Viewed", NpgsqlDbType.Varchar);
                    await importer.WriteAsync($"user-{i % 5000}", NpgsqlDbType.Varchar);
                    await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await importer.WriteAsync(Event(i), NpgsqlDbType.Jsonb);
                }

                await importer.CompleteAsync();
            }

            await using (var insert = new NpgsqlCommand("""
                WITH fresh AS (INSERT INTO cdp_message_ids (source_id, message_id, received_at) SELECT source_id, message_id, received_at FROM raw_stage ON CONFLICT DO NOTHING RETURNING source_id, message_id)
                INSERT INTO cdp_events (source_id, message_id, type, event, user_id, "timestamp", received_at, payload)
                SELECT s.source_id, s.message_id, s.type, s.event, s.user_id, s."timestamp", s.received_at, s.payload FROM raw_stage s JOIN fresh f USING (source_id, message_id)
                """, connection, transaction))
            {
                stored += await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        return stored / stopwatch.Elapsed.TotalSeconds;
    }

    private async Task<double> InsertPerEventAsync(string connectionString, Guid sourceId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var stored = 0L;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; stopwatch.Elapsed < _duration; i++)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO cdp_events (source_id, message_id, type, event, user_id, \"timestamp\", received_at, payload) VALUES (@s, @m, 'track', 'Product Viewed', @u, now(), now(), @p::jsonb)", connection);
            insert.Parameters.AddWithValue("s", sourceId);
            insert.Parameters.AddWithValue("m", $"single-{i}");
            insert.Parameters.AddWithValue("u", $"user-{i % 5000}");
            insert.Parameters.AddWithValue("p", Event(i));
            stored += await insert.ExecuteNonQueryAsync();
        }

        return stored / stopwatch.Elapsed.TotalSeconds;
    }
}
