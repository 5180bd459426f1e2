using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>Values PostgreSQL cannot store are refused when the request is read, naming the field; nobody else's request suffers.</summary>
[Collection(SharedAppGroup.Name)]
public sealed class PoisonEventTests(SharedApp app)
{
    public static TheoryData<string, string, string> Poisons => new()
    {
        { """{"userId":"u","event":"E","properties":{"a":"x\u0000y"}}""", "properties.a", "NUL" },
        { """{"userId":"u","event":"E","properties":{"x\u0000y":1}}""", "properties.x\\u0000y", "NUL" },
        { """{"userId":"u\u0000","event":"E"}""", "userId", "NUL" },
        { """{"userId":"u","event":"E","properties":{"a":"\ud800"}}""", "properties.a", "surrogate" },
        { """{"userId":"u","event":"E","properties":{"list":["ok","\udc00x"]}}""", "properties.list[1]", "surrogate" },
        { """{"userId":"\ud83d","event":"E"}""", "userId", "surrogate" },
        { """{"userId":"u","event":"E","properties":{"n":1e999999}}""", "properties.n", "Numbers" },
        { """{"userId":"u","event":"E","properties":{"n":-1e-999999}}""", "properties.n", "Numbers" },
        { """{"userId":"u","event":"E","properties":{"n":1e131072}}""", "properties.n", "Numbers" },
        { """{"userId":"u","event":"E","timestamp":"0001-01-01T00:00:00Z","sentAt":"9999-12-31T23:59:59Z"}""", "timestamp", "between" },
        { """{"userId":"u","event":"E","timestamp":"2020-01-01T00:00:00Z","sentAt":"2199-12-31T00:00:00Z"}""", "timestamp", "clock-skew" },
        { """{"userId":"u","event":"E","sentAt":"9999-12-31T23:59:59Z"}""", "sentAt", "between" },
    };

    [Theory]
    [MemberData(nameof(Poisons))]
    public async Task A_value_postgres_cannot_store_is_refused_with_400_naming_its_field(string body, string field, string reason)
    {
        var (sourceId, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);

        using var response = await sdk.PostAsync("/v1/track", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.Contains(reason, messages[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await app.StoredAsync(sourceId));
    }

    [Fact]
    public async Task A_batch_keeps_its_good_events_and_names_the_poisoned_ones_by_index()
    {
        var (sourceId, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        const string batch = """
            {"batch":[
              {"type":"track","messageId":"good-0","userId":"u","event":"E"},
              {"type":"track","messageId":"bad-1","userId":"u","event":"E","properties":{"a":"x\u0000"}},
              {"type":"track","messageId":"good-2","userId":"u","event":"E","properties":{"n":1.5e300,"tiny":1e-300}},
              {"type":"track\ud800","messageId":"bad-3","userId":"u","event":"E"}
            ]}
            """;
        const string spoiledContext = """{"context":{"ip":"\u0000"},"batch":[{"type":"track","userId":"u","event":"E"}]}""";

        using var response = await sdk.PostAsync("/v1/batch", new StringContent(batch, Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var (spoiled, spoiledProblem) = await PostRawAsync(sdk, "/v1/batch", spoiledContext);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        Assert.Equal([1, 3], result.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(["good-0", "good-2"], (await app.StoredAsync(sourceId)).Select(r => r["message_id"]));
        Assert.Equal(HttpStatusCode.BadRequest, spoiled.StatusCode);
        Assert.True(spoiledProblem.GetProperty("errors").TryGetProperty("context.ip", out _), spoiledProblem.ToString());
    }

    [Fact]
    public async Task A_poisoned_request_among_sixty_concurrent_batches_fails_alone_and_every_good_event_is_stored_once()
    {
        var (sourceId, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        const int rounds = 5, senders = 60, eventsPerBatch = 10;
        var statuses = new List<HttpStatusCode>();
        var poisonStatuses = new List<HttpStatusCode>();
        for (var round = 0; round < rounds; round++)
        {
            var good = CdpTestApi.GoodBatchesAsync(sdk, $"r{round}", senders, eventsPerBatch);
            var poison = PostRawAsync(sdk, "/v1/batch", $$$"""{"batch":[{"type":"track","messageId":"poison-{{{round}}}","userId":"p","event":"E","properties":{"a":"x\u0000y"}}]}""");

            statuses.AddRange(await good);
            poisonStatuses.Add((await poison).Response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(poisonStatuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        var stored = await app.StoredCountsAsync(sourceId);
        Assert.Equal(rounds * senders * eventsPerBatch, stored.Count);
        Assert.All(stored.Values, count => Assert.Equal(1, count));
        Assert.DoesNotContain(stored.Keys, id => id.StartsWith("poison", StringComparison.Ordinal));
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> PostRawAsync(HttpClient sdk, string path, string body)
    {
        var response = await sdk.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, text.Length > 0 ? JsonSerializer.Deserialize<JsonElement>(text) : default);
    }
}
