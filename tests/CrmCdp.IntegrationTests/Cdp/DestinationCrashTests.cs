using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>The outbox survives a kill -9 mid-forwarding: after a restart every event reaches the receiver, at least once.</summary>
public sealed class DestinationCrashTests
{
    private const int Events = 10_000;
    private const int PerBatch = 100;

    [Fact]
    public async Task Every_forwarded_event_arrives_after_a_kill_9_of_the_server_with_one_webhook_id_per_event()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var connectionString = await (await TestPostgres.GetAsync()).CreateDatabaseAsync("destcrash");
        var apiKey = $"crm_destcrash_test_{Guid.NewGuid():N}";
        await using var receiver = await TestWebhookReceiver.StartAsync();
        var acknowledged = new HashSet<string>();
        var settings = new Dictionary<string, string>
        {
            ["Destinations__AllowPrivateNetworks"] = "true",
            ["Destinations__IdleMilliseconds"] = "50",
            ["Destinations__LeaseSeconds"] = "5",
            ["Destinations__ConcurrencyPerDestination"] = "8",
        };

        await using (var doomed = await WebAppProcess.StartAsync(connectionString, apiKey, cancellationToken, settings))
        {
            using var admin = Admin(doomed.BaseAddress, apiKey);
            var (sourceId, writeKey) = await PostAsync(admin, "/api/v1/sources", new { name = "Forwarded", type = "server" }, cancellationToken);
            var (_, secret) = await PostAsync(admin, "/api/v1/destinations", new
            {
                name = "Crash receiver",
                type = "webhook",
                url = receiver.Url("crash"),
                subscriptions = new { sourceIds = new[] { Guid.Parse(sourceId) } },
            }, cancellationToken);
            receiver.Trust("crash", secret);
            using var sdk = new HttpClient { BaseAddress = doomed.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            sdk.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
            await SendAsync(sdk, acknowledged);
            Assert.Equal(Events, acknowledged.Count);

            // Killed mid-forwarding: some events have arrived, most have not.
            await Eventually.UntilAsync(() => Task.FromResult(receiver.At("crash").Count), n => n >= 200, "forwarding getting going", TimeSpan.FromSeconds(120), cancellationToken);
            await doomed.KillAsync();
        }

        var beforeRestart = MessageIds(receiver).Count;
        Assert.True(beforeRestart < acknowledged.Count, $"all {acknowledged.Count} acknowledged events arrived before the kill; the test proves nothing");
        await using var restarted = await WebAppProcess.StartAsync(connectionString, apiKey, cancellationToken, settings);
        await Eventually.UntilAsync(() => Task.FromResult(MessageIds(receiver)), ids => ids.IsSupersetOf(acknowledged),
            "every acknowledged event at the receiver after the restart", TimeSpan.FromMinutes(4), cancellationToken);

        var received = receiver.At("crash");
        // At least once, and one webhook id per event however often it came.
        Assert.Equal(MessageIds(receiver).Count, received.Select(r => r.WebhookId).Distinct().Count());
        Assert.All(received.GroupBy(r => r.WebhookId), g => Assert.Single(g.Select(r => r.Json.GetProperty("messageId").GetString()).Distinct()));
        Assert.All(received, r => Assert.True(r.Verified));
    }

    private static HashSet<string> MessageIds(TestWebhookReceiver receiver) => [.. receiver.At("crash").Select(r => r.Json.GetProperty("messageId").GetString()!)];

    /// <summary>Sends the events in batches until done or the server dies; keeps the message ids of every acknowledged batch.</summary>
    private static async Task SendAsync(HttpClient sdk, HashSet<string> acknowledged)
    {
        for (var b = 0; b < Events / PerBatch; b++)
        {
            var ids = Enumerable.Range(b * PerBatch, PerBatch).Select(i => $"fwd-{i}").ToList();
            var batch = ids.Select((id, i) => new { type = "track", messageId = id, userId = $"fwd-user-{i % 50}", @event = "Forwarded" });
            try
            {
                using var sent = await sdk.PostAsJsonAsync("/v1/batch", new { batch }, CancellationToken.None);
                if (sent.StatusCode != HttpStatusCode.OK)
                {
                    return;
                }

                lock (acknowledged)
                {
                    acknowledged.UnionWith(ids);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return;
            }
        }
    }

    private static HttpClient Admin(Uri server, string apiKey)
    {
        var admin = new HttpClient { BaseAddress = server };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return admin;
    }

    /// <summary>Creates a record; its id and its one-time key (a source's writeKey, a destination's secret).</summary>
    private static async Task<(string Id, string Key)> PostAsync(HttpClient admin, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsJsonAsync(path, body, cancellationToken);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path} answered {(int)response.StatusCode}: {created}");
        return (created.GetProperty("id").GetString()!, (created.TryGetProperty("writeKey", out var key) ? key : created.GetProperty("secret")).GetString()!);
    }
}
