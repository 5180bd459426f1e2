using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmCdp.TestSupport;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>A 200 from the collection API means committed: a kill -9 right after must not lose the events.</summary>
public sealed class CrashSafetyTests
{
    private const int Senders = 4;
    private const int EventsPerBatch = 20;

    [Fact]
    public async Task Every_acknowledged_event_survives_a_kill_9_of_the_server_and_retries_store_each_event_once()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var connectionString = await (await TestPostgres.GetAsync()).CreateDatabaseAsync("crash");
        var apiKey = $"crm_crash_test_{Guid.NewGuid():N}";
        var acknowledged = new ConcurrentBag<string>();
        var unanswered = new ConcurrentBag<object>();
        string sourceId;
        string writeKey;

        await using (var doomed = await WebAppProcess.StartAsync(connectionString, apiKey, cancellationToken))
        {
            (sourceId, writeKey) = await CreateSourceAsync(doomed.BaseAddress, apiKey, cancellationToken);
            using var load = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Senders)
                .Select(sender => Task.Run(() => SendUntilStoppedAsync(doomed.BaseAddress, writeKey, sender, acknowledged, unanswered, load.Token), CancellationToken.None))
                .ToList();
            await WaitUntilAsync(() => acknowledged.Count >= Senders * EventsPerBatch * 5, TimeSpan.FromSeconds(60), doomed, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);   // load at full speed for a while: the kill lands mid-commit

            await doomed.KillAsync();
            await load.CancelAsync();
            await Task.WhenAll(senders);
        }

        await using var restarted = await WebAppProcess.StartAsync(connectionString, apiKey, cancellationToken);
        var afterRestart = await StoredMessageIdsAsync(connectionString, sourceId, cancellationToken);
        // What an SDK does with a batch that got no answer: send it again, unchanged.
        using var client = Client(restarted.BaseAddress, writeKey);
        var retried = new List<HttpStatusCode>();
        foreach (var batch in unanswered)
        {
            using var response = await client.PostAsJsonAsync("/v1/batch", batch, cancellationToken);
            retried.Add(response.StatusCode);
        }

        var afterRetries = await StoredMessageIdsAsync(connectionString, sourceId, cancellationToken);

        Assert.True(acknowledged.Count >= Senders * EventsPerBatch * 5, $"Only {acknowledged.Count} events were acknowledged before the kill.");
        Assert.Empty(acknowledged.Except(afterRestart));
        Assert.Equal(afterRestart.Count, afterRestart.Distinct().Count());
        Assert.All(retried, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(afterRetries.Count, afterRetries.Distinct().Count());
        Assert.Equal(acknowledged.Count + (unanswered.Count * EventsPerBatch), afterRetries.Count);
    }

    /// <summary>Posts batches of unique events until stopped or the server is gone; keeps what was acknowledged and what was not answered.</summary>
    private static async Task SendUntilStoppedAsync(Uri server, string writeKey, int sender, ConcurrentBag<string> acknowledged, ConcurrentBag<object> unanswered, CancellationToken stop)
    {
        using var client = Client(server, writeKey);
        for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
        {
            var ids = Enumerable.Range(0, EventsPerBatch).Select(i => $"crash-{sender}-{sequence}-{i}").ToList();
            var batch = new
            {
                sentAt = DateTimeOffset.UtcNow,
                batch = ids.Select(id => new { type = "track", messageId = id, userId = $"crash-user-{sender}", @event = "Load Tested", properties = new { sequence } }),
            };
            try
            {
                using var response = await client.PostAsJsonAsync("/v1/batch", batch, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ids.ForEach(acknowledged.Add);
                    continue;
                }

                unanswered.Add(batch);
            }
            catch (HttpRequestException)
            {
                // The server died under this request: nothing is known about this batch; an SDK would send it again.
                unanswered.Add(batch);
                return;
            }
            catch (TaskCanceledException)
            {
                // No answer within the client's timeout on a loaded machine: as unknown as a dead server, so sent again later.
                unanswered.Add(batch);
            }
        }
    }

    private static HttpClient Client(Uri server, string writeKey)
    {
        var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        return client;
    }

    private static async Task<(string Id, string WriteKey)> CreateSourceAsync(Uri server, string apiKey, CancellationToken cancellationToken)
    {
        using var admin = new HttpClient { BaseAddress = server };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await admin.PostAsJsonAsync("/api/v1/sources", new { name = "Crash test", type = "server" }, cancellationToken);
        var source = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Creating the source answered {(int)response.StatusCode}: {source}");
        return (source.GetProperty("id").GetString()!, source.GetProperty("writeKey").GetString()!);
    }

    private static async Task<List<string>> StoredMessageIdsAsync(string connectionString, string sourceId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT message_id FROM cdp_events WHERE source_id = @source", connection);
        command.Parameters.AddWithValue("source", Guid.Parse(sourceId));
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, WebAppProcess app, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The load did not get going within {timeout}:\n{app.RecentOutput}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
