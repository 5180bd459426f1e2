using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>
/// Identity resolution of ~1,000,000 stored events from 200,000 users (anonymous page views, a sign-up identify, a
/// purchase; 20% log in again on a second device), then the lag while /v1/batch runs at full speed; the baseline is
/// that ingestion rate, measured in the same run: resolution must keep up with it.
/// </summary>
internal sealed class IdentityResolutionScenario(int users = 200_000) : IScenario
{
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(10);

    public string Name => "identity";

    public string Description => $"Identity resolution of ~{users * 5.4:N0} events from {users:N0} users, and its lag under the ingestion load";

    public async Task<ScenarioResult> RunAsync()
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CRMCDP_WEB", CrmImportScenario.WebProjectDirectory());
        await using var app = new AppFixture();
        await app.StartAsync("benchidentity", useKestrel: true, new Dictionary<string, string?> { ["Cdp:Resolution:Enabled"] = "false" });
        var processor = app.Factory.Services.GetRequiredService<IdentityResolutionProcessor>();
        var metrics = app.Factory.Services.GetRequiredService<ResolutionMetrics>();
        var stored = await GenerateAsync(app.Factory.ConnectionString);

        var stopwatch = Stopwatch.StartNew();
        var resolved = await DrainAsync(processor, app.Factory.ConnectionString);

        var resolveRate = resolved / stopwatch.Elapsed.TotalSeconds;
        var (profiles, merges) = await CountsAsync(app.Factory.ConnectionString);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   resolved {resolved:N0} of {stored:N0} events in {stopwatch.Elapsed.TotalSeconds:N1} s: {resolveRate:N0} events/s; {profiles:N0} live profiles, {merges:N0} merges"));

        // Under load: the resolver follows while the load generator drives /v1/batch at full speed.
        using var admin = app.AdminApi();
        using var created = await admin.PostAsJsonAsync("/api/v1/sources", new { name = "Bench", type = "server" });
        var writeKey = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("writeKey").GetString()!;
        // The rate to keep up with: /v1/batch with the resolver idle, in this run. Then the events it stored (600-byte
        // track events of 5,000 users) are resolved too, so the lag below starts from a caught-up graph.
        var ingestionAlone = await IngestionLoad.RunInChildProcessAsync(app.Factory.ClientOptions.BaseAddress, writeKey, 16, 100, LoadDuration);
        await Task.Delay(TimeSpan.FromSeconds(1)); // past the resolver's 500 ms safety lag, so it sees every stored event
        var backlog = Stopwatch.StartNew();
        var backlogEvents = await DrainAsync(processor, app.Factory.ConnectionString);

        var trackRate = backlogEvents / backlog.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   /v1/batch alone: {ingestionAlone.Events:N0} events/s; its {backlogEvents:N0} stored events resolved at {trackRate:N0} events/s"));
        using var stop = new CancellationTokenSource();
        var follower = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (await processor.RunOnceAsync(CancellationToken.None) == 0)
                {
                    await Task.Delay(50, CancellationToken.None);
                }
            }
        });
        var lags = new List<double>();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                lags.Add(metrics.LagSeconds ?? 0);
                await Task.Delay(100, CancellationToken.None);
            }
        });
        var load = await IngestionLoad.RunInChildProcessAsync(app.Factory.ClientOptions.BaseAddress, writeKey, 16, 100, LoadDuration);
        var drainStarted = Stopwatch.StartNew();
        while (metrics.LagSeconds is > 0 && drainStarted.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(50);
        }

        var drained = drainStarted.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(follower, sampler);
        lags.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   under /v1/batch at {load.Events:N0} events/s: lag p50 {lags[lags.Count / 2]:N1} s, p95 {lags[(int)(lags.Count * 0.95)]:N1} s, max {lags[^1]:N1} s; caught up {drained.TotalSeconds:N1} s after the load stopped"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   resolution of the journeys vs /v1/batch alone: {resolveRate / ingestionAlone.Events:N2}x; of the track events: {trackRate / ingestionAlone.Events:N2}x"));
        return new ScenarioResult("identity resolution (journeys)", resolveRate, "/v1/batch ingestion alone (same run)", ingestionAlone.Events, " events/s");
    }

    /// <summary>
    /// Resolves until the checkpoint reaches the newest event. A batch that reads nothing is not the end: the minutely
    /// contact-link job holds the graph lock for a moment, and then the resolver's try-lock gives way.
    /// </summary>
    private static async Task<long> DrainAsync(IdentityResolutionProcessor processor, string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        long resolved = 0;
        while (true)
        {
            var read = await processor.RunOnceAsync(CancellationToken.None);
            resolved += read;
            if (read > 0)
            {
                continue;
            }

            await using var done = new NpgsqlCommand(
                "SELECT coalesce((SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity'), 0) >= coalesce((SELECT max(id) FROM cdp_events), 0)", connection);
            if ((bool)(await done.ExecuteScalarAsync())!)
            {
                return resolved;
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Users' journeys in time order: 3 anonymous page views, a sign-up identify with email, a purchase; 20% log in again on a second device.</summary>
    private async Task<long> GenerateAsync(string connectionString)
    {
        var random = new Random(42);
        var start = DateTimeOffset.UtcNow.AddDays(-20);
        var events = new List<(DateTimeOffset At, string Type, string? User, string Anonymous, string? Email)>(users * 6);
        for (var u = 0; u < users; u++)
        {
            var (user, laptop, at) = ($"user-{u}", $"anon-{u}-a", start.AddSeconds(random.Next(0, 1_200_000)));
            for (var p = 0; p < 3; p++)
            {
                events.Add((at.AddMinutes(p), "page", null, laptop, null));
            }

            events.Add((at.AddMinutes(4), "identify", user, laptop, $"{user}@example.com"));
            events.Add((at.AddMinutes(5), "track", user, laptop, null));
            if (u % 5 == 0)
            {
                var phone = $"anon-{u}-b";
                events.Add((at.AddHours(3), "page", null, phone, null));
                events.Add((at.AddHours(3).AddMinutes(1), "identify", user, phone, null));
            }
        }

        events.Sort((a, b) => a.At.CompareTo(b.At));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY cdp_events (source_id, message_id, type, user_id, anonymous_id, \"timestamp\", received_at, payload) FROM STDIN (FORMAT BINARY)");
        var n = 0;
        foreach (var (at, type, user, anonymous, email) in events)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid);
            await importer.WriteAsync($"m{n++}", NpgsqlDbType.Varchar);
            await importer.WriteAsync(type, NpgsqlDbType.Varchar);
            if (user is null)
            {
                await importer.WriteNullAsync();
            }
            else
            {
                await importer.WriteAsync(user, NpgsqlDbType.Varchar);
            }

            await importer.WriteAsync(anonymous, NpgsqlDbType.Varchar);
            await importer.WriteAsync(at, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(at, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(email is null ? "{\"type\":\"" + type + "\"}" : "{\"type\":\"identify\",\"traits\":{\"email\":\"" + email + "\",\"plan\":\"pro\"}}", NpgsqlDbType.Jsonb);
        }

        await importer.CompleteAsync();
        return events.Count;
    }

    private static async Task<(long Profiles, long Merges)> CountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM cdp_profiles WHERE merged_into_id IS NULL), (SELECT count(*) FROM cdp_profile_merges)", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
