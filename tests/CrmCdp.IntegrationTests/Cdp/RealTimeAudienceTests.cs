using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>The app on a Kestrel port for the Segment node SDK, sweeping window edges every 2 seconds.</summary>
public sealed class AudienceApp : KestrelApp
{
    protected override string Purpose => "audiences";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cdp:Audiences:SweepSeconds"] = "2",
        // Insights count people from the daily rollups however few events stand behind each, so the tests check that read.
        ["Cdp:Insights:RollupsFromEventsPerRow"] = "0",
    };
}

/// <summary>Membership follows events within seconds, with property filters, and time alone ends a window's membership.</summary>
public sealed class RealTimeAudienceTests(AudienceApp app) : IClassFixture<AudienceApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_matching_product_view_from_the_segment_sdk_makes_a_member_within_seconds_and_a_one_minute_window_ends_by_itself()
    {
        using var admin = app.AdminApi();
        var (_, key) = await app.SourceAsync();
        var runId = Guid.NewGuid().ToString("N")[..10];
        var expensiveShoes = await admin.CreateSegmentAsync(new
        {
            name = CrmApi.Unique("Expensive shoes "),
            definition = ProductViewed(runId, new { amount = 1, unit = "hours" }, new { field = "category", @operator = "equals", value = "shoes" }, new { field = "price", @operator = "gt", value = "100" }),
        });
        var bootsLastMinute = await admin.CreateSegmentAsync(new
        {
            name = CrmApi.Unique("Boots this minute "),
            definition = ProductViewed(runId, new { amount = 1, unit = "minutes" }, new { field = "category", @operator = "equals", value = "boots" }),
        });

        var sent = await SdkClients.RunAsync("segment-audience.mjs", app.BaseAddress, key, runId);
        var acknowledged = DateTimeOffset.UtcNow;

        Assert.Empty(sent.GetProperty("errors").EnumerateArray());
        var shoes = await MemberWithinAsync(admin, expensiveShoes, sent.GetProperty("shoes").GetString()!, TimeSpan.FromSeconds(5));
        var boots = await MemberWithinAsync(admin, bootsLastMinute, sent.GetProperty("boots").GetString()!, TimeSpan.FromSeconds(5));
        var hats = await admin.ProfileWhenAsync("user_id", sent.GetProperty("hats").GetString()!, p => p.GetProperty("eventCount").GetInt64() == 1, Ct);
        await Eventually.UntilAsync(() => app.EvaluatedAsync(hats.Id()), done => done, "the hats profile being evaluated", cancellationToken: Ct);
        Assert.DoesNotContain(hats.Id(), await admin.MemberIdsAsync(expensiveShoes.Id()));
        Assert.Contains(shoes, await admin.MemberIdsAsync(expensiveShoes.Id()));

        // No new event: the sweep sees the boots view leave the one-minute window, a minute after it happened.
        var viewedAt = DateTimeOffset.Parse(sent.GetProperty("bootsViewedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.UntilAsync(() => admin.MemberIdsAsync(bootsLastMinute.Id()), members => !members.Contains(boots), "the boots view leaving its window",
            TimeSpan.FromSeconds(90), Ct);
        var exitedAt = await ExitedAtAsync(bootsLastMinute.Id(), boots);
        Assert.True(exitedAt >= viewedAt.AddMinutes(1), $"exited at {exitedAt:O}, before the view of {viewedAt:O} was a minute old");
        Assert.True(exitedAt < acknowledged.AddMinutes(1), $"exited at {exitedAt:O}: the sweep ran late");
        Assert.Contains(shoes, await admin.MemberIdsAsync(expensiveShoes.Id()));
    }

    private static object ProductViewed(string runId, object within, params object[] filters) => new
    {
        type = "event",
        @event = "Product Viewed",
        @operator = "at_least",
        count = 1,
        within,
        where = filters.Append(new { field = "run", @operator = "equals", value = runId }).ToArray(),
    };

    /// <summary>Waits for the user's profile to be in the segment, at most <paramref name="within"/> from now; its id.</summary>
    private static async Task<string> MemberWithinAsync(HttpClient admin, JsonElement segment, string userId, TimeSpan within) =>
        (await Eventually.UntilAsync(
            async () =>
            {
                using var response = await admin.GetAsync($"/api/v1/profiles/lookup?type=user_id&value={userId}", Ct);
                var id = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).Id() : null;
                return id is not null && (await admin.MemberIdsAsync(segment.Id())).Contains(id) ? id : null;
            },
            id => id is not null, $"{userId} entering {segment.GetProperty("name")}", within, Ct))!;

    private async Task<DateTimeOffset> ExitedAtAsync(string segmentId, string profileId)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT max(at) FROM cdp_segment_changes WHERE segment_id = @segment AND profile_id = @profile AND kind = 'exited'", connection);
        command.Parameters.AddWithValue("segment", Guid.Parse(segmentId));
        command.Parameters.AddWithValue("profile", Guid.Parse(profileId));
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync(Ct))!, TimeSpan.Zero);
    }
}
