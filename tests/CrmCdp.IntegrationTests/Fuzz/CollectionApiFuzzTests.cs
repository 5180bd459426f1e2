using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.Tests.Shared;

namespace CrmCdp.IntegrationTests.Fuzz;

/// <summary>Thousands of hostile bodies at the collection API: every one gets an answer below 500, and good calls still commit.</summary>
[Collection(FuzzAppGroup.Name)]
public sealed class CollectionApiFuzzTests(FuzzApp app)
{
    private const int Calls = 2_500;

    private static readonly string[] Routes =
        ["track", "t", "identify", "i", "page", "p", "screen", "s", "group", "g", "alias", "a", "batch", "b", "unknown", "batch", "track"];

    public static TheoryData<int> Seeds() => TestSeeds.For(20261206);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Hostile_bodies_never_get_a_5xx_and_good_calls_still_commit(int seed)
    {
        var (sourceId, key) = await app.SourceAsync();
        var input = new HostileInput(seed);
        var random = new Random(seed);
        var calls = Enumerable.Range(0, Calls).Select(i => Call(input, random, key, i)).ToList();
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var client = app.Factory.CreateClient();

        await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, async (call, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/{call.Route}") { Content = call.Body.ToContent() };
            if (call.Authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", call.Authorization);
            }

            using var response = await client.SendAsync(request, ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} on /v1/{call.Route} ({call.Body.Preview}): {await response.Content.ReadAsStringAsync(ct)}");
            }
        });
        using var sdk = app.Sdk(key);
        using var good = await sdk.PostAsJsonAsync("/v1/track", new { messageId = $"after-fuzz-{seed}", userId = "u", @event = "Still Works" }, TestContext.Current.CancellationToken);

        var answers = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed}: {answers}");
        Assert.True(failures.IsEmpty, $"seed {seed}: {failures.Count} of {Calls} hostile calls got a 5xx:\n{string.Join("\n", failures.Take(20))}");

        // The fuzzer reaches both sides: calls whose hostile part the parser refused, and calls it stored anyway.
        Assert.True(statuses.GetValueOrDefault(400) > Calls / 4 && statuses.GetValueOrDefault(200) > Calls / 20, $"seed {seed}: {answers}");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains(await app.StoredAsync(sourceId), row => (string)row["message_id"]! == $"after-fuzz-{seed}");
    }

    private static FuzzCall Call(HostileInput input, Random random, string key, int index)
    {
        var route = Routes[random.Next(Routes.Length)];
        var plausible = route is "batch" or "b"
            ? new JsonObject { ["sentAt"] = DateTimeOffset.UtcNow.ToString("O"), ["context"] = new JsonObject { ["ip"] = "203.0.113.7" }, ["batch"] = new JsonArray(Event(random, index, 0), Event(random, index, 1)) }
            : Event(random, index, 0);
        var authorization = (random.Next(20)) switch
        {
            0 => null,
            1 => "Basic !!!not-base64!!!",
            2 => "Basic " + Convert.ToBase64String([0xFF, 0xFE, 0x00, 0xD8]),
            3 => "Bearer " + key,
            4 => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('k', 10_000))),
            _ => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")),
        };
        if (authorization is null && random.Next(2) == 0)
        {
            plausible["writeKey"] = key;
        }

        var json = random.Next(8) == 0 ? input.Broken(plausible.ToJsonString()) : input.Mutate(plausible);
        return new FuzzCall(route, input.Envelope(json), authorization);
    }

    private static JsonObject Event(Random random, int index, int position)
    {
        var type = new[] { "track", "identify", "page", "screen", "group", "alias" }[random.Next(6)];
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["type"] = type,
            ["messageId"] = $"fuzz-{index}-{position}",
            ["userId"] = $"user-{random.Next(50)}",
            ["anonymousId"] = $"anon-{random.Next(50)}",
            ["event"] = "Product Viewed",
            ["name"] = "Pricing",
            ["groupId"] = "acme",
            ["previousId"] = "anon-1",
            ["timestamp"] = now.AddMinutes(-1).ToString("O"),
            ["sentAt"] = now.ToString("O"),
            ["properties"] = new JsonObject { ["sku"] = "A-1", ["price"] = 9.99, ["tags"] = new JsonArray("new", "sale"), ["nested"] = new JsonObject { ["depth"] = 1 } },
            ["traits"] = new JsonObject { ["email"] = "fuzz@example.com", ["plan"] = "pro", ["age"] = 42 },
            ["context"] = new JsonObject { ["ip"] = "203.0.113.9", ["traits"] = new JsonObject { ["email"] = "ctx@example.com" }, ["page"] = new JsonObject { ["url"] = "https://shop.example/p/1" } },
            ["integrations"] = new JsonObject { ["All"] = true },
        };
    }

    private sealed record FuzzCall(string Route, HostileBody Body, string? Authorization);
}
