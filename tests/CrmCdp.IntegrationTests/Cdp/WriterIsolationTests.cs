using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>
/// When PostgreSQL itself refuses an event the parser let through (here: a CHECK constraint this test adds to its own
/// database), the group commit isolates it: only its request hears about it, every other request of the group commits.
/// </summary>
public sealed class WriterIsolationTests : IAsyncLifetime
{
    private const string PoisonEvent = "Poison Pill";
    private readonly AppFixture _app = new();

    public async ValueTask InitializeAsync()
    {
        await _app.StartAsync("writer-isolation");
        await using var connection = new NpgsqlConnection(_app.Factory.ConnectionString);
        await connection.OpenAsync();
        await using var constraint = new NpgsqlCommand($"ALTER TABLE cdp_events ADD CONSTRAINT test_no_poison CHECK (event IS DISTINCT FROM '{PoisonEvent}')", connection);
        await constraint.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_event_postgres_refuses_fails_only_its_own_request_and_the_rest_of_its_group_commits_once()
    {
        var (sourceId, key) = await _app.SourceAsync();
        using var sdk = _app.Sdk(key);
        const int rounds = 5, senders = 60, eventsPerBatch = 10;
        var goodStatuses = new List<HttpStatusCode>();
        var poisonStatuses = new List<HttpStatusCode>();
        var mixedResults = new List<JsonElement>();
        for (var round = 0; round < rounds; round++)
        {
            var good = CdpTestApi.GoodBatchesAsync(sdk, $"r{round}", senders, eventsPerBatch);
            var poison = PostAsync(sdk, "/v1/track", new { messageId = $"poison-{round}", userId = "p", @event = PoisonEvent });
            var mixed = PostAsync(sdk, "/v1/batch", new
            {
                batch = new object[]
                {
                    new { type = "track", messageId = $"mixed-{round}-0", userId = "m", @event = "Viewed" },
                    new { type = "track", messageId = $"mixed-poison-{round}", userId = "m", @event = PoisonEvent },
                    new { type = "track", messageId = $"mixed-{round}-2", userId = "m", @event = "Viewed" },
                },
            });

            goodStatuses.AddRange(await good);
            var (poisonResponse, poisonProblem) = await poison;
            poisonStatuses.Add(poisonResponse.StatusCode);
            Assert.True(poisonProblem.GetProperty("errors").TryGetProperty("event", out _), poisonProblem.ToString());
            var (mixedResponse, mixedResult) = await mixed;
            Assert.Equal(HttpStatusCode.OK, mixedResponse.StatusCode);
            mixedResults.Add(mixedResult);
        }

        Assert.All(goodStatuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(poisonStatuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.All(mixedResults, r =>
        {
            Assert.Equal(2, r.GetProperty("accepted").GetInt32());
            Assert.Equal(1, Assert.Single(r.GetProperty("rejected").EnumerateArray()).GetProperty("index").GetInt32());
        });
        var stored = await _app.StoredCountsAsync(sourceId);
        Assert.Equal((rounds * senders * eventsPerBatch) + (rounds * 2), stored.Count);
        Assert.All(stored.Values, count => Assert.Equal(1, count));
        Assert.DoesNotContain(stored.Keys, id => id.Contains("poison", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failure_that_is_not_about_the_data_still_answers_503_so_the_sdk_retries()
    {
        var (_, key) = await _app.SourceAsync();
        using var sdk = _app.Sdk(key);
        await using (var connection = new NpgsqlConnection(_app.Factory.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var rename = new NpgsqlCommand("ALTER TABLE cdp_message_ids RENAME TO cdp_message_ids_away", connection);
            await rename.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        try
        {
            using var response = await sdk.PostAsJsonAsync("/v1/track", new { userId = "u", @event = "Viewed" }, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(_app.Factory.ConnectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var back = new NpgsqlCommand("ALTER TABLE cdp_message_ids_away RENAME TO cdp_message_ids", connection);
            await back.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient sdk, string path, object body)
    {
        var response = await sdk.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, text.Length > 0 ? JsonSerializer.Deserialize<JsonElement>(text) : default);
    }
}
