using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using Npgsql;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>
/// Destinations under load, with resolution on: /v1/batch ingestion alone, then the same load while every event is
/// forwarded in batches of 100 to a loopback receiver that verifies nothing (the app and the receiver share the 2 cores);
/// the events delivered per second until the last one arrived; and the time from a segment change to its webhook.
/// </summary>
internal sealed class DestinationScenario : IScenario
{
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(20);
    private const int AudienceUsers = 500;

    public string Name => "destinations";

    public string Description => "webhook forwarding of every ingested event (batches of 100) against ingestion alone, and segment-change-to-webhook latency";

    public async Task<ScenarioResult> RunAsync()
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CRMCDP_WEB", CrmImportScenario.WebProjectDirectory());
        await using var receiver = await TestWebhookReceiver.StartAsync();
        await using var app = new AppFixture();
        await app.StartAsync("benchdestinations", useKestrel: true, new Dictionary<string, string?>
        {
            ["Destinations:AllowPrivateNetworks"] = "true",
            ["Destinations:ConcurrencyPerDestination"] = "8",
            ["Destinations:IdleMilliseconds"] = "100",
            ["Jobs:RunServer"] = "false",
        });
        using var admin = app.AdminApi();
        var (sourceId, writeKey) = await CreateAsync(admin, "/api/v1/sources", new { name = "Bench", type = "server" }, "writeKey");
        var baseAddress = app.Factory.ClientOptions.BaseAddress;

        var alone = await IngestionLoad.RunInChildProcessAsync(baseAddress, writeKey, 16, batchSize: 100, LoadDuration);
        Print($"/v1/batch alone: {alone.Events:N0} events/s");
        await CaughtUpAsync(app.Factory.ConnectionString);

        var (destinationId, _) = await CreateAsync(admin, "/api/v1/destinations", new
        {
            name = "Forward everything",
            type = "webhook",
            url = receiver.Url("all"),
            batchSize = 100,
            subscriptions = new { sourceIds = new[] { Guid.Parse(sourceId) } },
        }, "secret");
        var backlog = await DrainBacklogAsync(app.Factory.ConnectionString, Guid.Parse(destinationId));
        Print($"backlog of {backlog.Events:N0} stored events forwarded and delivered in {backlog.Seconds:N1} s with no load: {backlog.Events / backlog.Seconds:N0} events/s");

        var loadStart = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var withForwarding = await IngestionLoad.RunInChildProcessAsync(baseAddress, writeKey, 16, batchSize: 100, LoadDuration);
        var (delivered, lastAt, firstAt) = await WaitForDeliveriesAsync(app.Factory.ConnectionString, Guid.Parse(destinationId), loadStart);
        var forwardingRate = delivered / (lastAt - firstAt).TotalSeconds;
        Print($"/v1/batch while forwarding: {withForwarding.Events:N0} events/s ({withForwarding.Events / alone.Events:P0} of alone)");
        Print($"forwarded {delivered:N0} events in {stopwatch.Elapsed.TotalSeconds:N1} s from the load's start: {forwardingRate:N0} events/s delivered between the first and the last delivery");

        var latency = await AudienceLatencyAsync(app, admin, receiver, writeKey);
        Print($"segment change to webhook for {AudienceUsers} entries: p50 {latency.P50:N2} s, p95 {latency.P95:N2} s, max {latency.Max:N2} s");
        return new ScenarioResult("/v1/batch while forwarding every event", withForwarding.Events, "/v1/batch alone", alone.Events, " events/s");
    }

    private static void Print(string line) => Console.WriteLine("   " + line);

    private static async Task<(string Id, string Key)> CreateAsync(HttpClient admin, string path, object body, string keyProperty)
    {
        using var response = await admin.PostAsJsonAsync(path, body);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetString()!, created.GetProperty(keyProperty).GetString()!);
    }

    /// <summary>Until resolution has caught up with the events stored so far.</summary>
    private static async Task CaughtUpAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var behind = new NpgsqlCommand("SELECT (SELECT max(id) FROM cdp_events) > (SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity')", connection);
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(5) && (bool)(await behind.ExecuteScalarAsync())!;)
        {
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Forwarding's own capacity, without ingestion beside it: the destination's checkpoint is put back to the start, so
    /// every event the first load stored is forwarded again; the time from then until the last one is delivered.
    /// </summary>
    private static async Task<(long Events, double Seconds)> DrainBacklogAsync(string connectionString, Guid destinationId)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            // The first pass after the destination's creation may already have moved the checkpoint to resolution's end.
            await using var rewind = new NpgsqlCommand("""
                INSERT INTO cdp_audience_checkpoints (name, last_change_id, updated_at) VALUES ('destinations:events', 0, now())
                ON CONFLICT (name) DO UPDATE SET last_change_id = 0
                """, connection);
            await rewind.ExecuteNonQueryAsync();
        }

        var started = DateTimeOffset.UtcNow;
        var (events, last, _) = await WaitForDeliveriesAsync(connectionString, destinationId, started);
        return (events, (last - started).TotalSeconds);
    }

    /// <summary>Waits until nothing is left to send; the events delivered since a moment and the first and last delivery times.</summary>
    private static async Task<(long Events, DateTimeOffset Last, DateTimeOffset First)> WaitForDeliveriesAsync(string connectionString, Guid destinationId, DateTimeOffset since)
    {
        await CaughtUpAsync(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE status IN ('pending', 'retrying')), coalesce(sum(event_count) FILTER (WHERE status = 'delivered'), 0), max(delivered_at), min(delivered_at),
                   (SELECT last_change_id FROM cdp_audience_checkpoints WHERE name = 'destinations:events') >= (SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity')
            FROM cdp_deliveries WHERE destination_id = @destination AND created_at >= @since
            """, connection);
        command.Parameters.AddWithValue("destination", destinationId);
        command.Parameters.AddWithValue("since", since);
        for (var waited = Stopwatch.StartNew(); ; await Task.Delay(250))
        {
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1" && waited.ElapsedMilliseconds % 2000 < 250)
            {
                Print($"  {waited.Elapsed.TotalSeconds:N0} s: {reader.GetInt64(0):N0} waiting, {reader.GetInt64(1):N0} events delivered");
            }

            if ((reader.GetInt64(0) == 0 && !reader.IsDBNull(4) && reader.GetBoolean(4)) || waited.Elapsed > TimeSpan.FromMinutes(10))
            {
                return (reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3));
            }
        }
    }

    private sealed record Latency(double P50, double P95, double Max);

    /// <summary>Identifies that put <see cref="AudienceUsers"/> people into a segment; from each entry's change to its webhook's arrival.</summary>
    private static async Task<Latency> AudienceLatencyAsync(AppFixture app, HttpClient admin, TestWebhookReceiver receiver, string writeKey)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var (segmentId, _) = await CreateAsync(admin, "/api/v1/segments", new { name = "Bench entries", definition = new { type = "trait", field = "bench", @operator = "equals", value = run } }, "name");
        await CreateAsync(admin, "/api/v1/destinations", new { name = "Entries", type = "webhook", url = receiver.Url("entries"), subscriptions = new { segmentIds = new[] { Guid.Parse(segmentId) } } }, "secret");
        using var sdk = app.Factory.CreateClient();
        sdk.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(writeKey + ":")));
        using (var sent = await sdk.PostAsJsonAsync("/v1/batch", new { batch = Enumerable.Range(0, AudienceUsers).Select(i => new { type = "identify", userId = $"entry-{run}-{i}", traits = new { bench = run } }) }))
        {
            sent.EnsureSuccessStatusCode();
        }

        for (var waited = Stopwatch.StartNew(); receiver.At("entries").Count < AudienceUsers && waited.Elapsed < TimeSpan.FromMinutes(2);)
        {
            await Task.Delay(100);
        }

        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT profile_id, at FROM cdp_segment_changes WHERE segment_id = @segment AND kind = 'entered'", connection);
        command.Parameters.AddWithValue("segment", Guid.Parse(segmentId));
        var changedAt = new Dictionary<string, DateTimeOffset>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                changedAt[reader.GetGuid(0).ToString()] = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        var seconds = receiver.At("entries").Select(r => (r.At - changedAt[r.Json.GetProperty("profile").GetProperty("id").GetString()!]).TotalSeconds).Order().ToList();
        double At(double p) => seconds.Count == 0 ? double.NaN : seconds[Math.Min(seconds.Count - 1, (int)(p * seconds.Count))];
        return new Latency(At(0.5), At(0.95), seconds.Count == 0 ? double.NaN : seconds[^1]);
    }
}
