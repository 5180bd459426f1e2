using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

[Collection(SharedAppGroup.Name)]
public sealed class EventPropertyFilterTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Property_filters_and_an_hour_window_pick_the_visitor_who_viewed_expensive_shoes_lately()
    {
        using var admin = app.AdminApi();
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var (shoes, hats, earlier) = (CrmApi.Unique("shoes-"), CrmApi.Unique("hats-"), CrmApi.Unique("earlier-"));
        var now = DateTimeOffset.UtcNow;
        var marker = CrmApi.Unique("run-");
        await SendAsync(sdk,
            new { type = "identify", userId = shoes, traits = new { marker }, timestamp = now.AddHours(-4) },
            new { type = "identify", userId = hats, traits = new { marker }, timestamp = now.AddHours(-4) },
            new { type = "identify", userId = earlier, traits = new { marker }, timestamp = now.AddHours(-4) },
            new { type = "track", userId = shoes, @event = "Product Viewed", properties = new { category = "Shoes", price = 150 }, timestamp = now.AddMinutes(-10) },
            new { type = "track", userId = hats, @event = "Product Viewed", properties = new { category = "hats", price = 150 }, timestamp = now.AddMinutes(-10) },
            new { type = "track", userId = earlier, @event = "Product Viewed", properties = new { category = "shoes", price = 150 }, timestamp = now.AddHours(-3) });
        foreach (var user in new[] { shoes, hats, earlier })
        {
            await admin.ProfileWithEventsAsync("user_id", user, 2, Ct);
        }

        var shoesProfile = await admin.ProfileWithEventsAsync("user_id", shoes, 2, Ct);
        var (previewed, preview) = await PreviewAsync(admin, new
        {
            type = "and",
            conditions = new object[]
            {
                new
                {
                    type = "event", @event = "Product Viewed", @operator = "at_least", count = 1, within = new { amount = 2, unit = "hours" },
                    where = new object[] { new { field = "category", @operator = "equals", value = "SHOES" }, new { field = "price", @operator = "gt", value = "100" } },
                },
                new { type = "trait", field = "marker", @operator = "equals", value = marker },
            },
        });

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        Assert.Equal(1, preview.GetProperty("count").GetInt64());
        Assert.Equal([shoesProfile.Id()], preview.GetProperty("sample").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Quotes_and_sql_in_event_names_fields_and_values_are_plain_data()
    {
        using var admin = app.AdminApi();
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var user = CrmApi.Unique("quote-");
        const string hostileEvent = "O'Brien's \"Deal\"; DROP TABLE cdp_events; --";
        const string hostileValue = "' OR '1'='1' --";
        await SendAsync(sdk, new { type = "track", userId = user, @event = hostileEvent, properties = new Dictionary<string, object> { ["x'); DROP TABLE cdp_profiles; --"] = hostileValue } });
        var profile = await admin.ProfileWithEventsAsync("user_id", user, 1, Ct);

        var (matched, match) = await PreviewAsync(admin, Event(hostileEvent, "x'); DROP TABLE cdp_profiles; --", hostileValue));
        var (missed, miss) = await PreviewAsync(admin, Event(hostileEvent, "x'); DROP TABLE cdp_profiles; --", "anything else"));

        Assert.Equal(HttpStatusCode.OK, matched.StatusCode);
        Assert.Equal([profile.Id()], match.GetProperty("sample").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.OK, missed.StatusCode);
        Assert.Equal(0, miss.GetProperty("count").GetInt64());
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var stillThere = new NpgsqlCommand("SELECT (SELECT count(*) FROM cdp_events) > 0 AND (SELECT count(*) FROM cdp_profiles) > 0", connection);
        Assert.True((bool)(await stillThere.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public async Task A_bad_window_or_filter_is_refused_naming_its_node()
    {
        using var admin = app.AdminApi();

        var (badUnit, unitProblem) = await PreviewAsync(admin, new { type = "event", @event = "Viewed", @operator = "at_least", count = 1, within = new { amount = 2, unit = "weeks" } });
        var (both, bothProblem) = await PreviewAsync(admin, new { type = "event", @event = "Viewed", @operator = "at_least", count = 1, withinDays = 3, within = new { amount = 2, unit = "hours" } });
        var (badFilter, filterProblem) = await PreviewAsync(admin, new
        {
            type = "event",
            @event = "Viewed",
            @operator = "at_least",
            count = 1,
            withinDays = 3,
            where = new[] { new { field = "price", @operator = "like", value = "1" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, badUnit.StatusCode);
        Assert.True(unitProblem.GetProperty("errors").TryGetProperty("definition.within.unit", out _), unitProblem.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.True(bothProblem.GetProperty("errors").TryGetProperty("definition.within", out _), bothProblem.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.True(filterProblem.GetProperty("errors").TryGetProperty("definition.where[0].operator", out _), filterProblem.ToString());
    }

    private static object Event(string name, string field, string value) => new
    {
        type = "event",
        @event = name,
        @operator = "at_least",
        count = 1,
        withinDays = 1,
        where = new[] { new { field, @operator = "equals", value } },
    };

    private static Task<(HttpResponseMessage Response, JsonElement Body)> PreviewAsync(HttpClient admin, object definition) =>
        CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/segments/preview", new { definition });

    private static async Task SendAsync(HttpClient sdk, params object[] events)
    {
        using var sent = await sdk.PostAsJsonAsync("/v1/batch", new { batch = events }, Ct);
        sent.EnsureSuccessStatusCode();
    }
}
