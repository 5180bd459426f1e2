using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Audiences;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>What the audience tests share: segments by API, batches by the collection API, and waiting for evaluation.</summary>
internal static class AudienceTestApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> CreateSegmentAsync(this HttpClient admin, object body)
    {
        var (response, segment) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/segments", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, segment.ToString());
        return segment;
    }

    public static async Task SendBatchAsync(this HttpClient sdk, IEnumerable<object> batch)
    {
        using var sent = await sdk.PostAsJsonAsync("/v1/batch", new { batch }, Ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
    }

    /// <summary>The profile ids of the segment's stored members.</summary>
    public static async Task<HashSet<string>> MemberIdsAsync(this HttpClient admin, string segmentId)
    {
        var (_, members) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/segments/{segmentId}/members?limit=500");
        return [.. members.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("profileId").GetString()!)];
    }

    /// <summary>Waits until every stored event is resolved, then until no profile waits for evaluation.</summary>
    public static async Task WaitForAudiencesAsync(this AppFixture app)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await Eventually.UntilAsync(
            async () =>
            {
                await using var behind = new NpgsqlCommand(
                    "SELECT coalesce((SELECT max(id) FROM cdp_events), 0) - coalesce((SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity'), 0)", connection);
                return (long)(await behind.ExecuteScalarAsync(Ct))!;
            },
            behind => behind <= 0,
            "identity resolution catching up",
            cancellationToken: Ct);
        await app.Factory.Services.GetRequiredService<AudienceEvaluator>().DrainAsync(Ct);
    }

    /// <summary>Whether the profile has been resolved and is not waiting for evaluation: what the segments say of it is final.</summary>
    public static async Task<bool> EvaluatedAsync(this AppFixture app, string profileId)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT NOT EXISTS (SELECT 1 FROM cdp_audience_queue WHERE profile_id = @id)", connection);
        command.Parameters.AddWithValue("id", Guid.Parse(profileId));
        return (bool)(await command.ExecuteScalarAsync(Ct))!;
    }
}
