using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
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
        await app.StartAsync("benchingest", useKestrel: true);
        using var admin = app.AdminApi();
        using var created = await admin.PostAsJsonAsync("/api/v1/sources", new { name = "Bench", type = "server" });
        var source = await created.Content.ReadFromJsonAsync<JsonElement>();
        var writeKey = source.GetProperty("writeKey").GetString()!;
        var sourceId = Guid.Parse(source.GetProperty("id").GetString()!);
        var baseAddress = app.Factory.ClientOptions.BaseAddress;

        var batchRate = await DriveAsync(baseAddress, writeKey, 16, batchSize: 100);
        var trackRate = await DriveAsync(baseAddress, writeKey, 64, batchSize: 1);
        var copyRate = await RawCopyAsync(app.Factory.ConnectionString, sourceId);
        var insertRate = await InsertPerEventAsync(app.Factory.ConnectionString, sourceId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   /v1/batch (100 × ~600 B, 16 clients): {batchRate.Events,10:N0} events/s, p99 {batchRate.P99,6:N1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   /v1/track (64 clients):               {trackRate.Requests,10:N0} requests/s, p99 {trackRate.P99,6:N1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   raw binary COPY + dedup:              {copyRate,10:N0} events/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   one INSERT per event:                 {insertRate,10:N0} events/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   /v1/batch vs raw COPY: {100 * batchRate.Events / copyRate:N0} %"));
        return new ScenarioResult("/v1/batch durable (ours)", batchRate.Events, "one INSERT per event", insertRate, " events/s");
    }

    // The load generator shares the 2 cores with the app and PostgreSQL, so events come from a template (unique
    // messageId, varying user and SKU) instead of a serializer call per event.
    private static readonly string[] EventTemplate = JsonSerializer.Serialize(new
    {
        type = "track",
        messageId = "\u0001",
        userId = "user-\u0002",
        @event = "Product Viewed",
        properties = new { sku = "SKU-\u0003", price = 19.99, currency = "EUR", category = "Shoes", name = "Trail runner, size 43, colour blue" },
        context = new { ip = "203.0.113.7", userAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120", library = new { name = "analytics-node", version = "2.1.0" } },
        timestamp = DateTimeOffset.UtcNow.ToString("O"),
    }).Split(["\\u0001", "\\u0002", "\\u0003"], StringSplitOptions.None);

    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];

    private static string Event(int i) => string.Concat(
        EventTemplate[0], RunId, i.ToString(CultureInfo.InvariantCulture), EventTemplate[1], (i % 5000).ToString(CultureInfo.InvariantCulture),
        EventTemplate[2], (i % 977).ToString(CultureInfo.InvariantCulture), EventTemplate[3]);

    private async Task<(double Events, double Requests, double P99)> DriveAsync(Uri baseAddress, string writeKey, int clients, int batchSize)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        var latencies = new List<double>();
        var events = 0L;
        var requests = 0L;
        var stopwatch = Stopwatch.StartNew();
        var counter = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var mine = new List<double>();
            while (stopwatch.Elapsed < _duration)
            {
                var first = Interlocked.Add(ref counter, batchSize) - batchSize;
                var body = batchSize == 1
                    ? Event(first)
                    : "{\"batch\":[" + string.Join(",", Enumerable.Range(first, batchSize).Select(Event)) + "]}";
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(batchSize == 1 ? "/v1/track" : "/v1/batch", new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.IsSuccessStatusCode)
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Add(ref events, batchSize);
                    Interlocked.Increment(ref requests);
                }
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        }));
        latencies.Sort();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        return (events / seconds, requests / seconds, latencies.Count == 0 ? 0 : latencies[(int)(latencies.Count * 0.99)]);
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
                for (var n = 0; n < 1000; n++, i++)
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
