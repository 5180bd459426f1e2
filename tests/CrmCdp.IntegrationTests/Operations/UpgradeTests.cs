using System.Net;
using System.Net.Http.Headers;
using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.IntegrationTests.Operations;

/// <summary>
/// A database of the previous release (a snapshot in <c>Operations/Snapshots</c>, made by that release's app through its
/// API) is migrated by this one on start, and every record, event, profile and membership in it still reads the same.
/// </summary>
public sealed class UpgradeTests : IAsyncLifetime
{
    private const string SnapshotApiKey = "crm_upgrade_snapshot_key_0123456789abcdef";
    private const string ContactId = "01a251fc-5029-7667-971f-cc9ffe91aad4";
    private const string CompanyId = "01a251fc-4f4d-7e5e-908e-e9d24db5af69";
    private const string DealId = "01a251fc-514e-79e7-b2f2-fa094c2d1dd1";
    private const string ProfileId = "01a251fc-6f4e-7b38-a234-76db877020ce";
    private const string SegmentId = "01a251fc-83dd-7a05-aab1-5eead9348e58";

    private CrmCdpAppFactory? _app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            await (await TestPostgres.GetAsync()).ReleaseConnectionsAsync(_app.ConnectionString);
        }
    }

    [Fact]
    public async Task The_previous_releases_database_migrates_on_start_with_its_records_events_profiles_and_segments_intact()
    {
        var database = await (await TestPostgres.GetAsync()).CreateDatabaseAsync("upgrade");
        var snapshot = Path.Combine(AppContext.BaseDirectory, "Operations", "Snapshots", "release-ea9dca9.sql");
        await PostgresTools.RunAsync("psql", database, Ct, "--quiet", "--no-psqlrc", "--set=ON_ERROR_STOP=1", $"--file={snapshot}");

        _app = new CrmCdpAppFactory(database);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var rep = await users.FindByEmailAsync("rep@upgrade.example");
            Assert.NotNull(rep);
            Assert.True(await users.CheckPasswordAsync(rep, "Upgrade-Passw0rd-2"), "the rep of the previous release cannot sign in");
        }

        using var api = _app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SnapshotApiKey);
        var (me, _) = await CrmApi.SendAsync(api, HttpMethod.Get, "/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var (_, contact) = await CrmApi.SendAsync(api, HttpMethod.Get, $"/api/v1/contacts/{ContactId}");
        Assert.Equal(("Ada", "ada@upgrade.example", CompanyId), (contact.GetProperty("firstName").GetString(), contact.GetProperty("email").GetString(), contact.GetProperty("companyId").GetString()));
        var (_, deal) = await CrmApi.SendAsync(api, HttpMethod.Get, $"/api/v1/deals/{DealId}");
        Assert.Equal(5000m, deal.GetProperty("amount").GetDecimal());
        var (_, tickets) = await CrmApi.SendAsync(api, HttpMethod.Get, "/api/v1/tickets");
        Assert.Contains("Upgrade ticket", tickets.ToString(), StringComparison.Ordinal);

        var profile = await api.ProfileWhenAsync("user_id", "user-upgrade-1", _ => true, Ct);
        Assert.Equal((ProfileId, 5L, ContactId), (profile.Id(), profile.GetProperty("eventCount").GetInt64(), profile.GetProperty("contactId").GetString()));
        Assert.Equal([ProfileId], await api.MemberIdsAsync(SegmentId));

        // The events read through this release's indexes: three product views in the snapshot's week.
        var (_, trend) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/insights/trends", new
        {
            series = new[] { new { @event = "Product Viewed", math = "total" } },
            interval = "day",
            from = "2026-11-30T00:00:00Z",
            to = "2026-12-06T00:00:00Z",
        });
        Assert.Equal(3, trend.GetProperty("series")[0].GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("value").GetInt64()));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        Assert.Equal(0, await EventOwnershipChecks.OwnershipDifferencesAsync(connection, Ct));
        Assert.Equal(0, await EventOwnershipChecks.RollupDifferencesAsync(connection, Ct));
        Assert.Equal(1, await EventOwnershipChecks.CountAsync(connection,
            "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_cdp_event_profiles_name_timestamp' AND indexdef LIKE '%INCLUDE (profile_id, type, event_id)%'", Ct));
    }
}
