using System.Net;
using System.Security.Claims;
using System.Text.Json;
using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Crm.MyDay;
using CrmCdp.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.IntegrationTests.Operations;

/// <summary>
/// With <c>ConnectionStrings:ReadOnly</c> pointing at a streaming replica, insights, segment previews and segment exports
/// read the replica (a paused replica shows it: they stop moving while the primary does), and what must be current after
/// a write (a new task on My day, a record just saved) reads the primary.
/// </summary>
public sealed class ReadReplicaTests : IAsyncLifetime
{
    private const string Database = "crmcdp_replicated";

    private TestReplica? _servers;
    private CrmCdpAppFactory? _app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _servers = await TestReplica.StartAsync(Database);
        _app = new CrmCdpAppFactory(_servers.PrimaryConnectionString(Database), new Dictionary<string, string?>
        {
            ["ConnectionStrings:ReadOnly"] = _servers.ReplicaConnectionString(Database),
        });
        _ = _app.Services;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }

    [Fact]
    public async Task Insights_previews_and_exports_read_the_replica_while_my_day_and_saved_records_read_the_primary()
    {
        var app = _app!;
        using var admin = app.AdminApi();
        var (_, writeKey) = await app.SourceAsync();
        using var sdk = app.Sdk(writeKey);
        var (_, segment) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/segments",
            new { name = "Replicated viewers", definition = Web.Modules.Cdp.Segments.SegmentCondition.Performed("Replicated Viewed", "at_least", 1, 1) });

        await SendViewAsync(sdk, admin, "first");
        await Eventually.UntilAsync(() => ViewsAsync(admin), views => views == 1, "the replica showing the first view", cancellationToken: Ct);
        await Eventually.UntilAsync(() => PreviewedAsync(admin), people => people == 1, "the preview on the replica counting the first viewer", cancellationToken: Ct);
        await Eventually.UntilAsync(() => ExportedAsync(admin, segment.Id()), rows => rows.Count == 1, "the export on the replica listing the first member", cancellationToken: Ct);

        await _servers!.PauseReplayAsync();
        await SendViewAsync(sdk, admin, "second");
        var (created, task) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tasks",
            new { title = "Written while the replica lags", type = "call", dueAt = DateTimeOffset.UtcNow.AddMinutes(-5), ownerId = (await AdminAsync(app)).Id });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // The primary has both views and both viewers; what reads the replica still sees one of each.
        Assert.Equal(1, await ViewsAsync(admin));
        Assert.Equal(1, await PreviewedAsync(admin));
        Assert.Single(await ExportedAsync(admin, segment.Id()));
        Assert.Contains((await DueTasksAsync(app)).Select(t => t.Id.ToString()), id => id == task.Id());
        var (found, _) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/tasks/{task.Id()}");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);

        await _servers.ResumeReplayAsync();
        await Eventually.UntilAsync(() => ViewsAsync(admin), views => views == 2, "the replica catching up", cancellationToken: Ct);
        await Eventually.UntilAsync(() => PreviewedAsync(admin), people => people == 2, "the preview catching up", cancellationToken: Ct);
        await Eventually.UntilAsync(() => ExportedAsync(admin, segment.Id()), rows => rows.Count == 2, "the export catching up", cancellationToken: Ct);
    }

    /// <summary>Sends a view and waits until the primary has resolved it and the segment has the viewer.</summary>
    private static async Task SendViewAsync(HttpClient sdk, HttpClient admin, string user)
    {
        using var sent = await sdk.PostAsync("/v1/track", JsonContent(new { userId = $"replicated-{user}", @event = "Replicated Viewed" }), Ct);
        sent.EnsureSuccessStatusCode();
        await admin.ProfileWithEventsAsync("user_id", $"replicated-{user}", 1, Ct);
    }

    private static async Task<long> ViewsAsync(HttpClient admin)
    {
        var (response, trend) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/insights/trends", new
        {
            series = new[] { new { @event = "Replicated Viewed", math = "total" } },
            interval = "day",
            from = DateTimeOffset.UtcNow.AddDays(-1),
            to = DateTimeOffset.UtcNow.AddMinutes(1),
        });
        Assert.True(response.IsSuccessStatusCode, trend.ToString());
        return trend.GetProperty("series")[0].GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("value").GetInt64());
    }

    private static async Task<long> PreviewedAsync(HttpClient admin)
    {
        var (response, preview) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/segments/preview",
            new { definition = Web.Modules.Cdp.Segments.SegmentCondition.Performed("Replicated Viewed", "at_least", 1, 1) });
        Assert.True(response.IsSuccessStatusCode, preview.ToString());
        return preview.GetProperty("count").GetInt64();
    }

    /// <summary>The data rows of the segment's CSV export.</summary>
    private static async Task<List<string>> ExportedAsync(HttpClient admin, string segmentId)
    {
        var csv = await admin.GetStringAsync($"/api/v1/segments/{segmentId}/export", Ct);
        return [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1)];
    }

    private static async Task<IReadOnlyList<Web.Modules.Crm.Tasks.TaskDto>> DueTasksAsync(CrmCdpAppFactory app)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, (await AdminAsync(app)).Id.ToString())], "test"));
        var access = await app.Services.GetRequiredService<AccessContextFactory>().CreateAsync(principal, Ct);
        return await app.Services.GetRequiredService<MyDayService>().DueTasksAsync(access, Ct);
    }

    private static async Task<AppUser> AdminAsync(CrmCdpAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(CrmCdpAppFactory.AdminEmail)
            ?? throw new InvalidOperationException("No admin.");
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
