using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>The app on a real Kestrel port, for SDKs running in their own (node) process.</summary>
public class KestrelApp : AppFixture, IAsyncLifetime
{
    public Uri BaseAddress => Factory.ClientOptions.BaseAddress;

    protected virtual string Purpose => "sdk";

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async ValueTask InitializeAsync()
    {
        // Installing the SDKs (npm ci on a fresh clone) overlaps with the app's start.
        var install = SdkClients.EnsureInstalledAsync();
        await StartAsync(Purpose, useKestrel: true, Settings);
        await install;
    }
}

/// <summary>The published Segment and RudderStack node SDKs, unmodified, talking to the collection API over HTTP.</summary>
public sealed class SdkClientTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    /// <summary>Every SDK run below has a device clock running this much fast; the server must correct it.</summary>
    private static readonly TimeSpan ClientClockOffset = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Events_from_the_segment_node_sdk_are_stored_field_by_field_with_the_clock_skew_corrected()
    {
        var (sourceId, key) = await SourceAsync();
        var runId = Guid.NewGuid().ToString("N")[..10];

        var result = await SdkClients.RunAsync("segment-node.mjs", app.BaseAddress, key, runId, ClientClockOffset);
        var rows = await StoredAsync(sourceId);

        Assert.Empty(result.GetProperty("errors").EnumerateArray());
        Assert.All(result.GetProperty("statuses").EnumerateArray(), s => Assert.Equal(200, s.GetInt32()));
        Assert.True(result.GetProperty("burstRequests").GetInt32() >= 3, $"40 tracks with flushAt 15 should take at least 3 batches: {result}");
        var ids = result.GetProperty("ids");
        var burstIds = result.GetProperty("burst").EnumerateArray().Select(i => i.GetString()!).ToList();
        Assert.Equal(45, rows.Count);
        Assert.Equal(45, rows.Select(r => r.MessageId).Distinct().Count());
        Assert.Equal(ids.EnumerateObject().Select(p => p.Value.GetString()!).Concat(burstIds).Order(StringComparer.Ordinal), rows.Select(r => r.MessageId).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("@segment/analytics-node", r.Payload.GetProperty("context").GetProperty("library").GetProperty("name").GetString()));

        var identify = rows.Single(r => r.MessageId == ids.GetProperty("identify").GetString());
        Assert.Equal(("identify", null, $"user-{runId}", $"anon-{runId}", null, null), identify.Columns);
        Assert.Equal($"{runId}@example.com", identify.Payload.GetProperty("traits").GetProperty("email").GetString());
        Assert.Equal("pro", identify.Payload.GetProperty("traits").GetProperty("plan").GetString());
        Assert.Equal(3, identify.Payload.GetProperty("traits").GetProperty("seats").GetInt32());

        var track = rows.Single(r => r.MessageId == ids.GetProperty("track").GetString());
        Assert.Equal(("track", "Order Completed", $"user-{runId}", $"anon-{runId}", null, null), track.Columns);
        var properties = track.Payload.GetProperty("properties");
        Assert.Equal($"o-{runId}", properties.GetProperty("orderId").GetString());
        Assert.Equal(42.5m, properties.GetProperty("total").GetDecimal());
        Assert.Equal("EUR", properties.GetProperty("currency").GetString());
        Assert.Equal("sku-1", properties.GetProperty("products")[0].GetProperty("sku").GetString());
        Assert.Equal(2, properties.GetProperty("products")[0].GetProperty("quantity").GetInt32());
        Assert.Equal("203.0.113.7", track.Payload.GetProperty("context").GetProperty("ip").GetString());
        Assert.Equal("de-DE", track.Payload.GetProperty("context").GetProperty("locale").GetString());

        var page = rows.Single(r => r.MessageId == ids.GetProperty("page").GetString());
        Assert.Equal(("page", "Pricing", null, $"anon-{runId}", null, null), page.Columns);
        Assert.Equal("Docs", page.Payload.GetProperty("category").GetString());
        Assert.Equal("/pricing", page.Payload.GetProperty("properties").GetProperty("path").GetString());
        Assert.Equal("https://shop.example/pricing", page.Payload.GetProperty("properties").GetProperty("url").GetString());

        var group = rows.Single(r => r.MessageId == ids.GetProperty("group").GetString());
        Assert.Equal(("group", null, $"user-{runId}", null, $"acme-{runId}", null), group.Columns);
        Assert.Equal("Acme GmbH", group.Payload.GetProperty("traits").GetProperty("name").GetString());
        Assert.Equal(50, group.Payload.GetProperty("traits").GetProperty("employees").GetInt32());

        var alias = rows.Single(r => r.MessageId == ids.GetProperty("alias").GetString());
        Assert.Equal(("alias", null, $"user-{runId}", null, null, $"anon-{runId}"), alias.Columns);

        var burst = rows.Where(r => burstIds.Contains(r.MessageId)).ToList();
        Assert.All(burst, r => Assert.Equal(("track", "Item Viewed", $"user-{runId}", null, null, null), r.Columns));
        Assert.Equal(Enumerable.Range(0, 40), burst.Select(r => r.Payload.GetProperty("properties").GetProperty("index").GetInt32()).Order());

        AssertClockSkewCorrected(rows, "timestamp", [identify, track]);
    }

    [Fact]
    public async Task Gzipped_events_from_the_rudderstack_node_sdk_are_stored_field_by_field_with_the_clock_skew_corrected()
    {
        var (sourceId, key) = await SourceAsync();
        var runId = Guid.NewGuid().ToString("N")[..10];

        var result = await SdkClients.RunAsync("rudderstack-node.mjs", app.BaseAddress, key, runId, ClientClockOffset);
        var rows = await StoredAsync(sourceId);

        Assert.Empty(result.GetProperty("errors").EnumerateArray());
        Assert.All(result.GetProperty("statuses").EnumerateArray(), s => Assert.Equal(200, s.GetInt32()));
        Assert.All(result.GetProperty("encodings").EnumerateArray(), e => Assert.Equal("gzip", e.GetString()));
        Assert.True(result.GetProperty("burstRequests").GetInt32() >= 3, $"40 tracks with flushAt 15 should take at least 3 batches: {result}");
        Assert.Equal(45, rows.Count);
        Assert.Equal(45, rows.Select(r => r.MessageId).Distinct().Count());
        Assert.All(rows, r => Assert.True(Guid.TryParse(r.MessageId, out _), $"{r.MessageId} is not the SDK's uuid"));
        Assert.All(rows, r => Assert.Equal("analytics-node", r.Payload.GetProperty("context").GetProperty("library").GetProperty("name").GetString()));
        Assert.All(rows, r => Assert.Equal("server", r.Payload.GetProperty("channel").GetString()));

        var identify = Assert.Single(rows, r => r.Type == "identify");
        Assert.Equal(("identify", null, $"user-{runId}", $"anon-{runId}", null, null), identify.Columns);
        Assert.Equal($"{runId}@example.com", identify.Payload.GetProperty("traits").GetProperty("email").GetString());
        Assert.Equal($"{runId}@example.com", identify.Payload.GetProperty("context").GetProperty("traits").GetProperty("email").GetString());
        Assert.Equal(3, identify.Payload.GetProperty("traits").GetProperty("seats").GetInt32());

        var track = Assert.Single(rows, r => r.Event == "Order Completed");
        Assert.Equal(("track", "Order Completed", $"user-{runId}", $"anon-{runId}", null, null), track.Columns);
        var properties = track.Payload.GetProperty("properties");
        Assert.Equal($"o-{runId}", properties.GetProperty("orderId").GetString());
        Assert.Equal(42.5m, properties.GetProperty("total").GetDecimal());
        Assert.Equal("sku-1", properties.GetProperty("products")[0].GetProperty("sku").GetString());
        Assert.Equal("203.0.113.7", track.Payload.GetProperty("context").GetProperty("ip").GetString());

        var page = Assert.Single(rows, r => r.Type == "page");
        Assert.Equal(("page", "Pricing", null, $"anon-{runId}", null, null), page.Columns);
        Assert.Equal("/pricing", page.Payload.GetProperty("properties").GetProperty("path").GetString());

        var group = Assert.Single(rows, r => r.Type == "group");
        Assert.Equal(("group", null, $"user-{runId}", null, $"acme-{runId}", null), group.Columns);
        Assert.Equal("Acme GmbH", group.Payload.GetProperty("traits").GetProperty("name").GetString());

        var alias = Assert.Single(rows, r => r.Type == "alias");
        Assert.Equal(("alias", null, $"user-{runId}", null, null, $"anon-{runId}"), alias.Columns);

        var burst = rows.Where(r => r.Event == "Item Viewed").ToList();
        Assert.All(burst, r => Assert.Equal(("track", "Item Viewed", $"user-{runId}", null, null, null), r.Columns));
        Assert.Equal(Enumerable.Range(0, 40), burst.Select(r => r.Payload.GetProperty("properties").GetProperty("index").GetInt32()).Order());

        // RudderStack's client-side event time is originalTimestamp; the SDK sets sentAt on each event.
        AssertClockSkewCorrected(rows, "originalTimestamp", [identify, track]);
    }

    /// <summary>
    /// Every event's time is receivedAt − (sentAt − client time); the explicit times, an hour before the (fast) client
    /// clock, land an hour before receipt; the others land at receipt rather than 10 minutes in the future.
    /// </summary>
    private static void AssertClockSkewCorrected(List<Row> rows, string clientTimeField, Row[] anHourAgo)
    {
        foreach (var row in rows)
        {
            var clientTime = row.Payload.GetProperty(clientTimeField).GetDateTimeOffset().UtcDateTime;
            Assert.NotNull(row.SentAt);
            Assert.Equal(row.ReceivedAt - (row.SentAt.Value - clientTime), row.Timestamp, TimeSpan.FromMilliseconds(1));
            Assert.Equal(row.ReceivedAt + ClientClockOffset, row.SentAt.Value, TimeSpan.FromSeconds(5));
            Assert.False(row.TimeClamped);
            var expected = anHourAgo.Any(r => r.MessageId == row.MessageId) ? row.ReceivedAt.AddHours(-1) : row.ReceivedAt;
            Assert.Equal(expected, row.Timestamp, TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task A_segment_sdk_journey_resolves_to_one_profile_per_person_even_on_a_shared_device()
    {
        var (_, key) = await SourceAsync();
        var result = await SdkClients.RunAsync("segment-journey.mjs", app.BaseAddress, key, Guid.NewGuid().ToString("N")[..10]);
        Assert.Empty(result.GetProperty("errors").EnumerateArray());
        var (device, ada, bob) = (result.GetProperty("device").GetString()!, result.GetProperty("ada").GetString()!, result.GetProperty("bob").GetString()!);
        using var admin = app.AdminApi();

        Task<JsonElement> ResolvedAsync(string user, long events) => admin.ProfileWithEventsAsync("user_id", user, events, TestContext.Current.CancellationToken);

        var profile = await ResolvedAsync(ada, 4);
        var second = await ResolvedAsync(bob, 2);
        foreach (var (type, value) in new[] { ("anonymous_id", device), ("email", $"{ada}@example.com") })
        {
            Assert.Equal(profile.Id(), (await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/lookup?type={type}&value={value}")).Body.Id());
        }

        var (_, events) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{profile.Id()}/events?types=identify,track,page,screen,group,alias");
        Assert.Equal(["Order Completed", null, "Pricing", "Home"], events.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("event").GetString()));
        Assert.Equal(4, profile.GetProperty("eventCount").GetInt64());

        Assert.NotEqual(profile.Id(), second.Id());
        Assert.Equal(profile.Id(), (await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/lookup?type=email&value={ada}@example.com")).Body.Id());
        Assert.Equal(second.Id(), (await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/lookup?type=email&value={bob}@example.com")).Body.Id());
    }

    private async Task<(string Id, string Key)> SourceAsync()
    {
        using var admin = app.AdminApi();
        var (response, source) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/sources", new { name = CrmApi.Unique("SDK "), type = "server" });
        Assert.True(response.IsSuccessStatusCode, $"Creating a source answered {(int)response.StatusCode}: {source}");
        return (source.Id(), source.GetProperty("writeKey").GetString()!);
    }

    private async Task<List<Row>> StoredAsync(string sourceId)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT message_id, type, event, user_id, anonymous_id, group_id, previous_id, "timestamp", received_at, sent_at, time_clamped, payload::text
            FROM cdp_events WHERE source_id = @source ORDER BY id
            """, connection);
        command.Parameters.AddWithValue("source", Guid.Parse(sourceId));
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            rows.Add(new Row(
                reader.GetString(0), reader.GetString(1), Text(2), Text(3), Text(4), Text(5), Text(6),
                reader.GetDateTime(7), reader.GetDateTime(8), reader.IsDBNull(9) ? null : reader.GetDateTime(9), reader.GetBoolean(10),
                JsonSerializer.Deserialize<JsonElement>(reader.GetString(11))));
        }

        return rows;
    }

    private sealed record Row(
        string MessageId, string Type, string? Event, string? UserId, string? AnonymousId, string? GroupId, string? PreviousId,
        DateTime Timestamp, DateTime ReceivedAt, DateTime? SentAt, bool TimeClamped, JsonElement Payload)
    {
        public (string, string?, string?, string?, string?, string?) Columns => (Type, Event, UserId, AnonymousId, GroupId, PreviousId);
    }
}
