using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>
/// Every kind of computed trait: values equal what the events say, follow a new event within seconds (computed for the
/// profiles the event queued, before the audience evaluator takes them), and segments compare text values as text.
/// </summary>
public sealed class ComputedTraitKindsTests(AudienceApp app) : IClassFixture<AudienceApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_kind_equals_what_the_events_say_and_follows_a_new_event()
    {
        using var admin = app.AdminApi();
        var (_, sourceKey) = await app.SourceAsync();
        using var sdk = app.Sdk(sourceKey);
        var run = Guid.NewGuid().ToString("N")[..8];
        string Key(string kind) => $"t{run}_{kind}";
        var ofRun = new[] { new { field = "run", @operator = "equals", value = run } };
        foreach (var kind in new[] { "count", "sum", "avg", "min", "max", "first", "last", "most_frequent", "unique_count", "days_since_last" })
        {
            var property = kind is "first" or "last" or "most_frequent" or "unique_count" ? "category" : "price";
            await CreateAsync(admin, new { key = Key(kind), name = kind, kind, @event = "Order Completed", property, where = ofRun, windowDays = 30 });
        }

        await CreateAsync(admin, new
        {
            key = Key("shoe_spend"),
            name = "Shoe spend",
            kind = "sum",
            @event = "Order Completed",
            property = "price",
            where = new object[] { ofRun[0], new { field = "category", @operator = "equals", value = "shoes" } },
            within = new { amount = 30, unit = "days" }
        });
        await CreateAsync(admin, new
        {
            key = Key("score"),
            name = "Score",
            kind = "score",
            windowDays = 30,
            cap = 100,
            rules = new object[]
            {
                new { @event = "Order Completed", points = 10, halfLifeDays = 1, where = ofRun },
                new { @event = "Product Viewed", points = 2, where = new object[] { ofRun[0], new { field = "category", @operator = "equals", value = "shoes" } } },
            },
        });
        var shoeBuyers = await admin.CreateSegmentAsync(new
        {
            name = CrmApi.Unique("Last bought shoes "),
            definition = new { type = "computed", field = Key("last"), @operator = "equals", value = "SHOES" },
        });

        var now = DateTimeOffset.UtcNow;
        var (ada, bob) = ($"{run}-ada", $"{run}-bob");
        var orders = new (double DaysAgo, int Price, string Category)[] { (40, 1000, "boots"), (3, 120, "hats"), (2, 80, "shoes"), (1.05, 200, "shoes") };
        var batch = orders.Select(o => (object)new { type = "track", userId = ada, @event = "Order Completed", timestamp = now.AddDays(-o.DaysAgo), properties = new { run, price = o.Price, category = o.Category } })
            .Concat(Enumerable.Range(0, 3).Select(i => (object)new { type = "track", userId = ada, @event = "Product Viewed", timestamp = now.AddHours(-i - 1), properties = new { run, category = i < 2 ? "shoes" : "hats" } }))
            .Append(new { type = "track", userId = bob, @event = "Order Completed", timestamp = now.AddHours(-5), properties = new { run, category = "hats" } })
            .ToList();
        await sdk.SendBatchAsync(batch);
        await admin.ProfileWhenAsync("user_id", ada, p => p.GetProperty("eventCount").GetInt64() == batch.Count - 1, Ct);
        await admin.ProfileWhenAsync("user_id", bob, p => p.GetProperty("eventCount").GetInt64() == 1, Ct);
        await RecomputeAsync();

        var profile = await admin.ProfileWhenAsync("user_id", ada, p => Number(p, Key("count")) == 3, Ct);
        Assert.Equal(400m, Number(profile, Key("sum")));
        Assert.Equal(133.3333m, Number(profile, Key("avg")));
        Assert.Equal(80m, Number(profile, Key("min")));
        Assert.Equal(200m, Number(profile, Key("max")));
        Assert.Equal("hats", Text(profile, Key("first")));
        Assert.Equal("shoes", Text(profile, Key("last")));
        Assert.Equal("shoes", Text(profile, Key("most_frequent")));
        Assert.Equal(2m, Number(profile, Key("unique_count")));
        Assert.Equal(1m, Number(profile, Key("days_since_last")));
        Assert.Equal(280m, Number(profile, Key("shoe_spend")));
        var decayed = orders.Where(o => o.DaysAgo <= 30).Sum(o => 10 * Math.Pow(0.5, o.DaysAgo)) + 2 * 2;
        Assert.InRange((double)Number(profile, Key("score")), decayed - 0.02, decayed + 0.02);

        // No value is no row: a sum of no prices reads 0, a category is there.
        var other = await admin.ProfileWhenAsync("user_id", bob, p => Text(p, Key("first")) == "hats", Ct);
        Assert.Equal(0m, Number(other, Key("sum")));
        Assert.Equal(1m, Number(other, Key("count")));
        await Eventually.UntilAsync(() => admin.MemberIdsAsync(shoeBuyers.Id()), m => m.Contains(profile.Id()), "ada entering on her last order", cancellationToken: Ct);
        Assert.DoesNotContain(other.Id(), await admin.MemberIdsAsync(shoeBuyers.Id()));

        // One more order: every value and the segment follow within seconds, computed for the profile the event queued
        // (the minute job, which also computes them, runs at most once in these twenty seconds).
        await sdk.SendBatchAsync([new { type = "track", userId = ada, @event = "Order Completed", timestamp = DateTimeOffset.UtcNow, properties = new { run, price = 500, category = "hats" } }]);
        var after = await Eventually.UntilAsync(
            async () => await admin.GetFromJsonAsync<JsonElement>($"/api/v1/profiles/{profile.Id()}", Ct),
            p => Number(p, Key("count")) == 4 && Number(p, Key("max")) == 500m, "ada's values following her new order", TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(500m, Number(after, Key("max")));
        Assert.Equal("hats", Text(after, Key("last")));
        Assert.Equal(0m, Number(after, Key("days_since_last")));
        await Eventually.UntilAsync(() => admin.MemberIdsAsync(shoeBuyers.Id()), m => !m.Contains(profile.Id()), "ada leaving after a hat order", TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task A_bad_definition_is_a_400_naming_the_field()
    {
        using var admin = app.AdminApi();
        using var response = await admin.PostAsJsonAsync("/api/v1/computed-traits", new
        {
            key = "bad_kind_" + Guid.NewGuid().ToString("N")[..6],
            name = "Bad",
            kind = "max",
            @event = "Order Completed",
            where = new[] { new { field = "price", @operator = "sounds_like", value = "1" } },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("property", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("where[0].operator", out _), errors.ToString());
    }

    private Task RecomputeAsync() =>
        app.Factory.Services.GetRequiredService<Web.Modules.Cdp.Segments.SegmentRefreshJob>().RunNowAsync(Ct);

    private static async Task CreateAsync(HttpClient admin, object body)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/computed-traits", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private static decimal Number(JsonElement profile, string key) =>
        profile.GetProperty("computedTraits").TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : -1;

    private static string? Text(JsonElement profile, string key) =>
        profile.GetProperty("computedTraits").TryGetProperty(key, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;
}
