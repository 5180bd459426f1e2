using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

[Collection(SharedAppGroup.Name)]
public sealed class CollectionApiTests(SharedApp app)
{
    [Fact]
    public async Task Calls_are_stored_field_by_field_with_clock_skew_corrected()
    {
        var (sourceId, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var clientNow = DateTimeOffset.UtcNow.AddMinutes(10);   // the device's clock runs 10 minutes fast

        using var identify = await sdk.PostAsJsonAsync("/v1/identify", new { messageId = "m-identify", userId = "u1", anonymousId = "a1", traits = new { email = "x@example.com", plan = "pro" } }, TestContext.Current.CancellationToken);
        using var track = await sdk.PostAsJsonAsync("/v1/t", new
        {
            messageId = "m-track",
            anonymousId = "a1",
            @event = "Signed Up",
            properties = new { plan = "pro" },
            timestamp = clientNow.AddSeconds(-30).ToString("O"),
            sentAt = clientNow.ToString("O"),
            context = new { ip = "203.0.113.9" },
        }, TestContext.Current.CancellationToken);
        var result = await track.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var stored = await app.StoredAsync(sourceId);

        Assert.Equal(HttpStatusCode.OK, identify.StatusCode);
        Assert.Equal(HttpStatusCode.OK, track.StatusCode);
        Assert.True(result.GetProperty("success").GetBoolean());
        Assert.Equal(["m-identify", "m-track"], stored.Select(r => r["message_id"]));
        Assert.Equal(["identify", "track"], stored.Select(r => r["type"]));
        Assert.Equal("Signed Up", stored[1]["event"]);
        Assert.Equal("u1", stored[0]["user_id"]);
        Assert.Equal("a1", stored[1]["anonymous_id"]);
        var eventTime = (DateTime)stored[1]["timestamp"]!;
        var receivedAt = (DateTime)stored[1]["received_at"]!;
        Assert.Equal(receivedAt.AddSeconds(-30), eventTime, TimeSpan.FromSeconds(1));
        Assert.Equal("pro", JsonDocument.Parse((string)stored[1]["payload"]!).RootElement.GetProperty("properties").GetProperty("plan").GetString());
    }

    [Fact]
    public async Task A_batch_with_a_body_write_key_as_gzipped_text_plain_is_stored_once_even_when_sent_twice()
    {
        var (sourceId, key) = await app.SourceAsync();
        using var client = app.Factory.CreateClient();
        var batch = JsonSerializer.Serialize(new
        {
            writeKey = key,
            sentAt = DateTimeOffset.UtcNow.ToString("O"),
            batch = new object[]
            {
                new { type = "page", messageId = "b1", anonymousId = "anon", name = "Home" },
                new { type = "group", messageId = "b2", userId = "u2", groupId = "acme" },
                new { type = "alias", messageId = "b3", userId = "u2", previousId = "anon" },
                new { type = "track", messageId = "b4", userId = "u2" },
            },
        });

        async Task<HttpResponseMessage> SendAsync()
        {
            var compressed = new MemoryStream();
            await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(Encoding.UTF8.GetBytes(batch), TestContext.Current.CancellationToken);
            }

            var content = new ByteArrayContent(compressed.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            content.Headers.ContentEncoding.Add("gzip");
            return await client.PostAsync("/v1/batch", content, TestContext.Current.CancellationToken);
        }

        using var first = await SendAsync();
        var firstResult = await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        using var second = await SendAsync();
        var secondResult = await second.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var stored = await app.StoredAsync(sourceId);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(3, firstResult.GetProperty("accepted").GetInt32());
        Assert.Equal(3, firstResult.GetProperty("rejected")[0].GetProperty("index").GetInt32());
        Assert.Equal(0, secondResult.GetProperty("accepted").GetInt32());
        Assert.Equal(3, secondResult.GetProperty("duplicates").GetInt32());
        Assert.Equal(["b1", "b2", "b3"], stored.Select(r => r["message_id"]));
        Assert.DoesNotContain(key, string.Join("", stored.Select(r => r["payload"])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_senders_of_the_same_message_id_store_it_once()
    {
        var (sourceId, key) = await app.SourceAsync();
        var senders = Enumerable.Range(0, 8).Select(async _ =>
        {
            using var sdk = app.Sdk(key);
            using var response = await sdk.PostAsJsonAsync("/v1/track", new { messageId = "same", userId = "u", @event = "Clicked" }, TestContext.Current.CancellationToken);
            return response.StatusCode;
        });

        var statuses = await Task.WhenAll(senders);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Single(await app.StoredAsync(sourceId));
    }

    [Fact]
    public async Task Bad_input_gets_its_documented_answer_and_nothing_is_half_stored()
    {
        var (sourceId, key) = await app.SourceAsync();
        using var admin = app.AdminApi();
        var (_, disabledSource) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/sources", new { name = CrmApi.Unique("Off "), type = "server" });
        await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/sources/{disabledSource.Id()}/disable");
        using var sdk = app.Sdk(key);
        using var stranger = app.Sdk("wk_unknown");
        using var disabled = app.Sdk(disabledSource.GetProperty("writeKey").GetString()!);
        var tooMany = new { batch = Enumerable.Range(0, 3000).Select(i => new { type = "track", userId = "u", @event = "E", messageId = $"x{i}" }) };
        var bigEvent = new { userId = "u", @event = "Big", properties = new { blob = new string('x', 40_000) } };
        var bomb = new MemoryStream();
        await using (var gzip = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes("{\"batch\":[" + new string(' ', 5_000_000) + "]}"), TestContext.Current.CancellationToken);
        }

        var bombContent = new ByteArrayContent(bomb.ToArray());
        bombContent.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        bombContent.Headers.ContentEncoding.Add("gzip");

        using var unknownKey = await stranger.PostAsJsonAsync("/v1/track", new { userId = "u", @event = "E" }, TestContext.Current.CancellationToken);
        using var disabledKey = await disabled.PostAsJsonAsync("/v1/track", new { userId = "u", @event = "E" }, TestContext.Current.CancellationToken);
        using var malformed = await sdk.PostAsync("/v1/track", new StringContent("{\"userId\": ", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var (missingIds, idsProblem) = await CrmApi.SendAsync(sdk, HttpMethod.Post, "/v1/track", new { @event = "E" });
        var (wrongType, typeProblem) = await CrmApi.SendAsync(sdk, HttpMethod.Post, "/v1/track", new { userId = new { id = 1 }, @event = "E" });
        var (batchTooLong, batchProblem) = await CrmApi.SendAsync(sdk, HttpMethod.Post, "/v1/batch", tooMany);
        var (oversize, oversizeProblem) = await CrmApi.SendAsync(sdk, HttpMethod.Post, "/v1/track", bigEvent);
        using var inflated = await sdk.PostAsync("/v1/batch", bombContent, TestContext.Current.CancellationToken);
        var (allInvalid, batchInvalid) = await CrmApi.SendAsync(sdk, HttpMethod.Post, "/v1/batch", new { batch = new[] { new { type = "track", userId = "u" } } });
        using var stillServing = await sdk.PostAsJsonAsync("/v1/track", new { userId = "u", @event = "After" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, unknownKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, disabledKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missingIds.StatusCode);
        Assert.True(idsProblem.GetProperty("errors").TryGetProperty("userId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.True(typeProblem.GetProperty("errors").TryGetProperty("userId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, batchTooLong.StatusCode);
        Assert.True(batchProblem.GetProperty("errors").TryGetProperty("batch", out _));
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.True(oversizeProblem.GetProperty("errors").TryGetProperty("event", out _));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, inflated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, allInvalid.StatusCode);
        Assert.True(batchInvalid.GetProperty("errors").TryGetProperty("batch[0].event", out _));
        Assert.Equal(HttpStatusCode.OK, stillServing.StatusCode);
        Assert.Equal(["After"], (await app.StoredAsync(sourceId)).Select(r => r["event"]));
    }

    [Fact]
    public async Task Suppressed_identifiers_are_dropped_and_counted_and_future_times_are_clamped()
    {
        var (sourceId, key) = await app.SourceAsync();
        using var admin = app.AdminApi();
        var quiet = $"quiet-{Guid.NewGuid():N}";
        await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/privacy/requests", new { kind = "suppress", identifierKind = "userId", identifier = quiet });
        using var sdk = app.Sdk(key);

        using var dropped = await sdk.PostAsJsonAsync("/v1/track", new { userId = quiet, @event = "Viewed" }, TestContext.Current.CancellationToken);
        var droppedResult = await dropped.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        using var future = await sdk.PostAsJsonAsync("/v1/track", new { userId = "time-traveller", @event = "Early", timestamp = DateTimeOffset.UtcNow.AddDays(3).ToString("O") }, TestContext.Current.CancellationToken);
        var suppressions = await admin.GetFromJsonAsync<JsonElement>("/api/v1/privacy/suppressions", TestContext.Current.CancellationToken);
        var stored = await app.StoredAsync(sourceId);

        Assert.Equal(HttpStatusCode.OK, dropped.StatusCode);
        Assert.Equal(1, droppedResult.GetProperty("suppressed").GetInt32());
        Assert.Contains(suppressions.EnumerateArray(), s => s.GetProperty("droppedEvents").GetInt64() == 1 && s.GetProperty("identifier").GetString() == "q***");
        var row = Assert.Single(stored);
        Assert.Equal("time-traveller", row["user_id"]);
        Assert.True((bool)row["time_clamped"]!);
        Assert.Equal((DateTime)row["received_at"]!, (DateTime)row["timestamp"]!, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Analytics_js_gets_its_settings_and_old_message_ids_expire()
    {
        var (sourceId, key) = await app.SourceAsync();
        using var anonymous = app.Factory.CreateClient();
        using var sdk = app.Sdk(key);
        using (await sdk.PostAsJsonAsync("/v1/track", new { messageId = "old-one", userId = "u", @event = "E" }, TestContext.Current.CancellationToken))
        {
        }

        var settings = await anonymous.GetFromJsonAsync<JsonElement>($"/v1/projects/{key}/settings", TestContext.Current.CancellationToken);
        using var unknown = await anonymous.GetAsync("/v1/projects/wk_nope/settings", TestContext.Current.CancellationToken);
        await using (var connection = new NpgsqlConnection(app.Factory.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var age = new NpgsqlCommand("UPDATE cdp_message_ids SET received_at = now() - interval '31 days' WHERE source_id = @source", connection);
            age.Parameters.AddWithValue("source", Guid.Parse(sourceId));
            await age.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var forgotten = await app.Factory.Services.GetRequiredService<CrmCdp.Web.Modules.Cdp.Ingestion.EventMaintenanceJob>().RunAsync(TestContext.Current.CancellationToken);
        using var resent = await sdk.PostAsJsonAsync("/v1/track", new { messageId = "old-one", userId = "u", @event = "E" }, TestContext.Current.CancellationToken);
        var resentResult = await resent.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(key, settings.GetProperty("integrations").GetProperty("Segment.io").GetProperty("apiKey").GetString());
        Assert.EndsWith("/v1", settings.GetProperty("integrations").GetProperty("Segment.io").GetProperty("apiHost").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.True(forgotten >= 1);
        Assert.Equal(1, resentResult.GetProperty("accepted").GetInt32());
    }
}
