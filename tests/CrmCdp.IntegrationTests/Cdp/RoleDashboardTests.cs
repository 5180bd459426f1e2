using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>The marketer's and the admin's home dashboards, the live view and campaign performance, over data made here.</summary>
[Collection(SharedAppGroup.Name)]
public sealed class RoleDashboardTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_marketer_sees_an_activated_segment_become_a_task_a_deal_and_a_win_and_each_sources_events()
    {
        using var admin = app.AdminApi();
        var owner = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var marker = CrmApi.Unique("dash-");
        var (sourceId, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var email = $"{CrmApi.Unique("dash")}@example.com";
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = "Dash", lastName = "Board", email, ownerId = owner.Id });
        var user = CrmApi.Unique("dash-user-");
        await sdk.SendBatchAsync([
            new { type = "identify", userId = user, traits = new { email, campaign = marker } },
            new { type = "track", userId = user, @event = "Pricing Viewed" },
            new { type = "track", userId = user, @event = "Pricing Viewed" },
        ]);
        await admin.ProfileWhenAsync("user_id", user, p => p.GetProperty("contactId").ValueKind == JsonValueKind.String && p.GetProperty("eventCount").GetInt64() == 3, Ct);
        var segment = await admin.CreateSegmentAsync(new { name = CrmApi.Unique("Dashboard "), definition = SegmentCondition.Trait("campaign", "equals", marker), activationEnabled = true });
        await app.Factory.Services.GetRequiredService<SegmentRefreshJob>().RunNowAsync(Ct);
        await app.Factory.Services.GetRequiredService<SegmentRefreshJob>().RunNowAsync(Ct);
        var (_, deal) = await CrmApi.SendAsync(owner.Api, HttpMethod.Post, "/api/v1/deals", new
        {
            name = CrmApi.Unique("From activation "),
            amount = 1200m,
            pipelineId = "0193a000-0000-7000-8000-000000000001",
            stageId = "0193a000-0000-7000-8000-000000000011",
            contactIds = new[] { contact.Id() },
        });
        await CrmApi.SendAsync(owner.Api, HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/move", new { outcome = "won", amount = 1500m });
        var marketer = await app.CreateUserWithApiAsync(BuiltInRoles.Marketer);

        var dashboard = await marketer.Api.GetFromJsonAsync<JsonElement>("/api/v1/dashboards/roles/marketer?timeZone=Europe/Paris", Ct);
        var live = await marketer.Api.GetFromJsonAsync<JsonElement>("/api/v1/insights/live?minutes=60&limit=200", Ct);
        var (badZone, zoneProblem) = await CrmApi.SendAsync(marketer.Api, HttpMethod.Get, "/api/v1/dashboards/roles/marketer?timeZone=Mars/Olympus");
        var (badMinutes, minutesProblem) = await CrmApi.SendAsync(marketer.Api, HttpMethod.Get, "/api/v1/insights/live?minutes=0");

        var funnel = Assert.Single(dashboard.GetProperty("activation").EnumerateArray(), a => a.GetProperty("segmentId").GetString() == segment.Id());
        Assert.Equal((1L, 1L, 1, 1), (funnel.GetProperty("entered").GetInt64(), funnel.GetProperty("tasked").GetInt64(), funnel.GetProperty("dealsCreated").GetInt32(), funnel.GetProperty("dealsWon").GetInt32()));
        Assert.Equal(1500m, funnel.GetProperty("amountWon").GetDecimal());
        var source = Assert.Single(dashboard.GetProperty("sources").EnumerateArray(), s => s.Id() == sourceId);
        Assert.Equal(3, source.GetProperty("events24h").GetInt64());
        Assert.True(source.GetProperty("healthy").GetBoolean());
        var volume = dashboard.GetProperty("eventVolume").EnumerateArray().ToList();
        Assert.Equal(14, volume.Count);
        Assert.True(volume[^1].GetProperty("count").GetInt64() >= 3);
        Assert.Equal(3, live.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("source").GetString() == source.GetProperty("name").GetString()));
        Assert.Equal(60, live.GetProperty("perMinute").GetArrayLength());
        Assert.True(live.GetProperty("perMinute").EnumerateArray().Sum(m => m.GetProperty("count").GetInt64()) >= 3);
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
        Assert.True(zoneProblem.GetProperty("errors").TryGetProperty("timeZone", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badMinutes.StatusCode);
        Assert.True(minutesProblem.GetProperty("errors").TryGetProperty("minutes", out _));
    }

    [Fact]
    public async Task The_admin_sees_jobs_and_the_database_size_and_other_roles_are_turned_away()
    {
        using var admin = app.AdminApi();
        var marketer = await app.CreateUserWithApiAsync(BuiltInRoles.Marketer);
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);

        var system = await admin.GetFromJsonAsync<JsonElement>("/api/v1/dashboards/roles/admin", Ct);
        var performance = await marketer.Api.GetFromJsonAsync<JsonElement>("/api/v1/marketing/performance", Ct);
        var (marketerAsAdmin, _) = await CrmApi.SendAsync(marketer.Api, HttpMethod.Get, "/api/v1/dashboards/roles/admin");
        var (repAsMarketer, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, "/api/v1/dashboards/roles/marketer");
        var (repPerformance, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, "/api/v1/marketing/performance");

        Assert.True(system.GetProperty("databaseBytes").GetInt64() > 1_000_000);
        Assert.True(system.GetProperty("servers").GetInt64() >= 1);
        Assert.True(system.GetProperty("failed").GetInt64() >= 0);
        Assert.Equal(JsonValueKind.Array, performance.GetProperty("campaigns").ValueKind);
        Assert.Equal(JsonValueKind.Array, performance.GetProperty("journeys").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, marketerAsAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, repAsMarketer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, repPerformance.StatusCode);
    }
}
