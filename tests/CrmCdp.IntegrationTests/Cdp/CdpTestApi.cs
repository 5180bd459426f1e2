using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>What the CDP tests share: a new source, an SDK-like client for its write key, the events it stored.</summary>
internal static class CdpTestApi
{
    public static Task<(string Id, string Key)> SourceAsync(this AppFixture app) => app.Factory.SourceAsync();

    public static HttpClient Sdk(this AppFixture app, string writeKey) => app.Factory.Sdk(writeKey);

    /// <summary>A new source of an app on a server of a test's own.</summary>
    public static async Task<(string Id, string Key)> SourceAsync(this CrmCdpAppFactory factory)
    {
        using var admin = factory.AdminApi();
        var (_, source) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/sources", new { name = CrmApi.Unique("Site "), type = "website" });
        return (source.Id(), source.GetProperty("writeKey").GetString()!);
    }

    public static HttpClient Sdk(this CrmCdpAppFactory factory, string writeKey)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        return client;
    }

    public static HttpClient AdminApi(this CrmCdpAppFactory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CrmCdpAppFactory.AdminApiKey);
        return client;
    }

    /// <summary>Concurrent batches of new events, one per sender, as many SDKs send them at once; the answers.</summary>
    public static Task<HttpStatusCode[]> GoodBatchesAsync(HttpClient sdk, string round, int senders, int eventsPerBatch) =>
        Task.WhenAll(Enumerable.Range(0, senders).Select(async sender =>
        {
            var batch = new
            {
                batch = Enumerable.Range(0, eventsPerBatch).Select(i => new { type = "track", messageId = $"{round}-s{sender}-e{i}", userId = $"user-{sender}", @event = "Viewed" }),
            };
            using var response = await sdk.PostAsJsonAsync("/v1/batch", batch, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }));

    /// <summary>How often each messageId of the source is stored (exactly once, always).</summary>
    public static async Task<Dictionary<string, int>> StoredCountsAsync(this AppFixture app, string sourceId) =>
        (await app.StoredAsync(sourceId)).GroupBy(r => (string)r["message_id"]!).ToDictionary(g => g.Key, g => g.Count());

    public static async Task<List<Dictionary<string, object?>>> StoredAsync(this AppFixture app, string sourceId)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT message_id, type, event, user_id, anonymous_id, \"timestamp\", received_at, time_clamped, payload::text, violations::text FROM cdp_events WHERE source_id = @source ORDER BY id",
            connection);
        command.Parameters.AddWithValue("source", Guid.Parse(sourceId));
        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }

    /// <summary>The profile's timeline holds one "Segment Entered" of this segment, named (other tests' segments may take it in too).</summary>
    public static async Task AssertSegmentEntryOnTimelineAsync(this HttpClient admin, string profileId, System.Text.Json.JsonElement segment)
    {
        var (_, timeline) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{profileId}/events");
        var entered = Assert.Single(timeline.GetProperty("items").EnumerateArray(),
            e => e.GetProperty("event").GetString() == "Segment Entered" && e.GetProperty("properties").GetProperty("segment_id").GetString() == segment.Id());
        Assert.Equal("segment", entered.GetProperty("type").GetString());
        Assert.Equal(segment.GetProperty("name").GetString(), entered.GetProperty("properties").GetProperty("segment_name").GetString());
    }
}
