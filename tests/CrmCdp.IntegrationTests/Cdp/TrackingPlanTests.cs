using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Cdp;

[Collection(SharedAppGroup.Name)]
public sealed class TrackingPlanTests(SharedApp app)
{
    private static readonly object OrderSchema = new
    {
        type = "object",
        properties = new { total = new { type = "number" }, currency = new { type = "string" } },
        required = new[] { "total" },
    };

    private async Task<(string Id, string Key)> SourceWithPlanAsync(string mode)
    {
        var source = await app.SourceAsync();
        using var admin = app.AdminApi();
        var (saved, plan) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/sources/{source.Id}/tracking-plan", new
        {
            mode,
            rules = new object[]
            {
                new { kind = "track", @event = "Order Completed", schema = OrderSchema },
                new { kind = "identify", schema = new { required = new[] { "email" } } },
            },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, plan.GetProperty("rules").GetArrayLength());
        return source;
    }

    private static object Batch(params object[] events) => new { batch = events };

    private static object Track(string messageId, string name, object properties) =>
        new { type = "track", messageId, anonymousId = "anon-1", @event = name, properties };

    private async Task<Dictionary<string, (long Violations, long Blocked)>> CountsAsync(string sourceId)
    {
        using var admin = app.AdminApi();
        var (_, counts) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/sources/{sourceId}/tracking-plan/violations");
        return counts.EnumerateArray().ToDictionary(
            c => c.GetProperty("rule").GetString()!, c => (c.GetProperty("violations").GetInt64(), c.GetProperty("blocked").GetInt64()));
    }

    [Fact]
    public async Task Flag_mode_stores_every_event_and_records_each_violation_on_it_and_per_rule()
    {
        var (sourceId, key) = await SourceWithPlanAsync("flag");
        using var sdk = app.Sdk(key);
        using var response = await sdk.PostAsJsonAsync("/v1/batch", Batch(
            Track("ok", "Order Completed", new { total = 10.5, currency = "EUR" }),
            Track("wrong-type", "Order Completed", new { total = "ten" }),
            Track("unplanned", "Button Clicked", new { }),
            new { type = "identify", messageId = "no-email", userId = "u1", traits = new { name = "Ada" } }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var stored = (await app.StoredAsync(sourceId)).ToDictionary(r => (string)r["message_id"]!);
        Assert.Equal(4, stored.Count);
        Assert.Null(stored["ok"]["violations"]);
        Assert.Contains("properties/total", (string)stored["wrong-type"]["violations"]!, StringComparison.Ordinal);
        Assert.Contains("not in the tracking plan", (string)stored["unplanned"]["violations"]!, StringComparison.Ordinal);
        Assert.Contains("email", (string)stored["no-email"]["violations"]!, StringComparison.Ordinal);

        var counts = await CountsAsync(sourceId);
        Assert.Equal((1, 0), counts["Order Completed"]);
        Assert.Equal((1, 0), counts["(unplanned event)"]);
        Assert.Equal((1, 0), counts["identify"]);
    }

    [Fact]
    public async Task Drop_mode_removes_unplanned_properties_before_storing()
    {
        var (sourceId, key) = await SourceWithPlanAsync("drop_unplanned_properties");
        using var sdk = app.Sdk(key);
        using var response = await sdk.PostAsJsonAsync("/v1/track", Track("extra", "Order Completed", new { total = 3, debugToken = "x1" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var row = Assert.Single(await app.StoredAsync(sourceId));
        var properties = JsonDocument.Parse((string)row["payload"]!).RootElement.GetProperty("properties");
        Assert.Equal(3, properties.GetProperty("total").GetInt32());
        Assert.False(properties.TryGetProperty("debugToken", out _));
        Assert.Contains("Dropped unplanned properties: debugToken", (string)row["violations"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Block_mode_drops_violating_and_unplanned_events_counts_them_and_shows_them_in_the_debugger()
    {
        var (sourceId, key) = await SourceWithPlanAsync("block");
        using var admin = app.AdminApi();
        var (watch, _) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/sources/{sourceId}/debugger");
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);

        using var sdk = app.Sdk(key);
        using var response = await sdk.PostAsJsonAsync("/v1/batch", Batch(
            Track("kept", "Order Completed", new { total = 1 }),
            Track("bad", "Order Completed", new { currency = "EUR" }),
            Track("unplanned", "Page Scrolled", new { depth = 50 }),
            new { type = "track", messageId = "no-ids", @event = "Order Completed", properties = new { total = 2 } }), TestContext.Current.CancellationToken);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(2, result.GetProperty("blocked").GetInt32());
        Assert.Equal(3, result.GetProperty("rejected")[0].GetProperty("index").GetInt32());

        Assert.Equal(["kept"], (await app.StoredAsync(sourceId)).Select(r => (string)r["message_id"]!));
        var counts = await CountsAsync(sourceId);
        Assert.Equal((0, 1), counts["Order Completed"]);
        Assert.Equal((0, 1), counts["(unplanned event)"]);

        var (_, entries) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/sources/{sourceId}/debugger");
        var byMessage = entries.EnumerateArray().ToDictionary(e => e.GetProperty("messageId").GetString() ?? "", e => e);
        Assert.Equal("accepted", byMessage["kept"].GetProperty("status").GetString());
        Assert.Equal("blocked", byMessage["bad"].GetProperty("status").GetString());
        Assert.Contains("total", byMessage["bad"].GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("rejected", byMessage["no-ids"].GetProperty("status").GetString());
        Assert.Contains("Order Completed", byMessage["bad"].GetProperty("payload").GetString(), StringComparison.Ordinal);

        var newest = entries.EnumerateArray().Max(e => e.GetProperty("sequence").GetInt64());
        var (_, nothingNew) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/sources/{sourceId}/debugger?after={newest}");
        Assert.Equal(0, nothingNew.GetArrayLength());
    }

    [Fact]
    public async Task Invalid_plans_are_refused_naming_the_rule_and_field()
    {
        var (sourceId, _) = await app.SourceAsync();
        using var admin = app.AdminApi();
        var (refused, problem) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/sources/{sourceId}/tracking-plan", new
        {
            mode = "sometimes",
            rules = new object[]
            {
                new { kind = "track", @event = "A", schema = new { type = 5 } },
                new { kind = "track", @event = "B" },
                new { kind = "track", @event = "B" },
                new { kind = "track" },
                new { kind = "page", @event = "C" },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "mode", "rules[0].schema", "rules[2].event", "rules[3].event", "rules[4].kind" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");
        }

        var (_, plan) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/sources/{sourceId}/tracking-plan");
        Assert.Equal(0, plan.GetProperty("rules").GetArrayLength());
        var (missing, _) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/sources/{Guid.NewGuid()}/tracking-plan", new { mode = "flag" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Removing_the_plan_accepts_events_as_sent_again()
    {
        var (sourceId, key) = await SourceWithPlanAsync("block");
        using var admin = app.AdminApi();
        var (removed, _) = await CrmApi.SendAsync(admin, HttpMethod.Delete, $"/api/v1/sources/{sourceId}/tracking-plan");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        using var sdk = app.Sdk(key);
        using var response = await sdk.PostAsJsonAsync("/v1/track", Track("free", "Anything", new { }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Assert.Single(await app.StoredAsync(sourceId))["violations"]);
    }

    [Fact]
    public async Task Metrics_are_scraped_with_an_operations_key_only()
    {
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        using var sent = await sdk.PostAsJsonAsync("/v1/track", Track("metric-1", "Counted", new { }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        using var admin = app.AdminApi();
        using var scrape = await admin.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var text = await scrape.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("crmcdp_ingestion_accepted", text, StringComparison.Ordinal);
        Assert.Contains("crmcdp_ingestion_commit_latency", text, StringComparison.Ordinal);
        Assert.Contains("crmcdp_ingestion_queue_depth", text, StringComparison.Ordinal);

        using var anonymous = app.Factory.CreateClient();
        using var refused = await anonymous.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var (_, _, rep) = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        using (rep)
        {
            using var forbidden = await rep.GetAsync("/metrics", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }
    }
}
