using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>Saved insights on dashboards: checked like their endpoints, answered tile by tile, private until shared, changed only by their owner.</summary>
[Collection(SharedAppGroup.Name)]
public sealed class DashboardTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dashboard_answers_its_saved_insights_over_a_rolling_range_and_is_shared_and_changed_only_as_allowed()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var signup = $"Signed Up {run}";
        using var sdk = app.Sdk((await app.SourceAsync()).Key);
        await sdk.SendBatchAsync([
            new { type = "track", userId = $"d1-{run}", @event = signup },
            new { type = "track", userId = $"d2-{run}", @event = signup },
            new { type = "track", userId = $"d3-{run}", @event = signup },
        ]);
        using var admin = app.AdminApi();
        await admin.ProfileWhenAsync("user_id", $"d3-{run}", p => p.GetProperty("eventCount").GetInt64() == 1, Ct);
        var owner = await app.CreateUserWithApiAsync(BuiltInRoles.Marketer);
        var colleague = await app.CreateUserWithApiAsync(BuiltInRoles.Marketer);
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var trendTile = new
        {
            title = "Sign-ups",
            kind = "trends",
            lastDays = 7,
            width = 8,
            query = new { series = new[] { new { @event = signup, math = "unique_profiles" } }, interval = "day", timeZone = "UTC" },
        };
        var webTile = new { title = "Web", kind = "web", lastDays = 30, query = new { } };

        var (refused, problem) = await CrmApi.SendAsync(owner.Api, HttpMethod.Post, "/api/v1/dashboards", new
        {
            name = $"Growth {run}",
            refreshSeconds = 5,
            tiles = new object[] { trendTile, new { kind = "funnel", query = new { steps = new[] { new { @event = signup } } }, lastDays = 7 }, new { kind = "pie", query = new { } } },
        });
        var (created, dashboard) = await CrmApi.SendAsync(owner.Api, HttpMethod.Post, "/api/v1/dashboards", new { name = $"Growth {run}", refreshSeconds = 60, tiles = new object[] { trendTile, webTile } });
        var data = await owner.Api.GetFromJsonAsync<JsonElement>($"/api/v1/dashboards/{dashboard.Id()}/data", Ct);
        var (hidden, _) = await CrmApi.SendAsync(colleague.Api, HttpMethod.Get, $"/api/v1/dashboards/{dashboard.Id()}");
        var version = dashboard.GetProperty("version").GetUInt32();
        var (shared, sharedDashboard) = await CrmApi.SendAsync(owner.Api, HttpMethod.Put, $"/api/v1/dashboards/{dashboard.Id()}", new { name = $"Growth {run}", shared = true, refreshSeconds = 60, tiles = new object[] { trendTile, webTile }, version });
        var (stale, _) = await CrmApi.SendAsync(owner.Api, HttpMethod.Put, $"/api/v1/dashboards/{dashboard.Id()}", new { name = "Stale", tiles = Array.Empty<object>(), version });
        var (seen, seenDashboard) = await CrmApi.SendAsync(colleague.Api, HttpMethod.Get, $"/api/v1/dashboards/{dashboard.Id()}");
        var (notTheirs, _) = await CrmApi.SendAsync(colleague.Api, HttpMethod.Put, $"/api/v1/dashboards/{dashboard.Id()}", new { name = "Mine now", tiles = Array.Empty<object>(), version = sharedDashboard.GetProperty("version").GetUInt32() });
        var (repList, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, "/api/v1/dashboards");
        var (deleted, _) = await CrmApi.SendAsync(owner.Api, HttpMethod.Delete, $"/api/v1/dashboards/{dashboard.Id()}");
        var (gone, _) = await CrmApi.SendAsync(colleague.Api, HttpMethod.Get, $"/api/v1/dashboards/{dashboard.Id()}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("refreshSeconds", out _));
        Assert.True(errors.TryGetProperty("tiles[1].query.steps", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("tiles[2].kind", out _), errors.ToString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(2, dashboard.GetProperty("tiles").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(dashboard.GetProperty("tiles")[0].GetProperty("id").GetString()));
        var trend = data.GetProperty("tiles")[0];
        Assert.Equal(JsonValueKind.Null, trend.GetProperty("errors").ValueKind);
        var points = trend.GetProperty("trends").GetProperty("series")[0].GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(3, points.Sum(p => p.GetProperty("value").GetInt64()));
        Assert.InRange(points.Count, 7, 8);
        Assert.Equal(JsonValueKind.Object, data.GetProperty("tiles")[1].GetProperty("web").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.False(seenDashboard.GetProperty("editable").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, repList.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
