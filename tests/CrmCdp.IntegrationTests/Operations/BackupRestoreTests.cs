using System.Net;
using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Operations;

/// <summary>
/// The backup the README documents: <c>pg_dump</c> of a running system while events keep arriving, <c>pg_restore</c> into
/// a new database, and the app started on the copy signs a person in and finds their contact, a profile and a segment's
/// members.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly AppFixture _app = new();
    private CrmCdpAppFactory? _restored;
    private string? _dump;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _app.StartAsync("backup");

    public async ValueTask DisposeAsync()
    {
        if (_restored is not null)
        {
            await _restored.DisposeAsync();
            await (await TestPostgres.GetAsync()).ReleaseConnectionsAsync(_restored.ConnectionString);
        }

        if (_dump is not null)
        {
            File.Delete(_dump);
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_dump_of_the_running_system_restored_into_a_new_database_serves_sign_in_contacts_profiles_and_segments()
    {
        var user = await _app.CreateUserAsync(BuiltInRoles.SalesRep);
        var api = await _app.ApiClientForAsync(user, BuiltInRoles.SalesRep);
        using var admin = _app.AdminApi();
        var (_, contact) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/contacts", new { firstName = "Restored", lastName = "Person", email = "restored@example.com" });
        var (_, key) = await _app.SourceAsync();
        using var sdk = _app.Sdk(key);
        var segment = await admin.CreateSegmentAsync(new { name = CrmApi.Unique("Backed up "), definition = Web.Modules.Cdp.Segments.SegmentCondition.Performed("Backup Viewed", "at_least", 1, 7) });
        await sdk.SendBatchAsync([new { type = "track", userId = "backup-person", @event = "Backup Viewed" }]);
        var profile = await admin.ProfileWithEventsAsync("user_id", "backup-person", 1, Ct);
        await Eventually.UntilAsync(() => admin.MemberIdsAsync(segment.Id()), m => m.Contains(profile.Id()), "the person entering the segment", cancellationToken: Ct);

        // The system keeps taking events while it is dumped, as a nightly backup would find it.
        using var busy = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var load = Task.Run(async () =>
        {
            for (var i = 0; !busy.IsCancellationRequested; i++)
            {
                await sdk.SendBatchAsync([new { type = "track", userId = $"during-{i}", @event = "During Backup" }]);
            }
        }, Ct);
        _dump = Path.Combine(Path.GetTempPath(), $"crmcdp-{Guid.NewGuid():N}.dump");
        await PostgresTools.RunAsync("pg_dump", _app.Factory.ConnectionString, Ct, "--format=custom", "--no-owner", $"--file={_dump}");
        await busy.CancelAsync();
        await load.ContinueWith(_ => { }, TaskScheduler.Default);

        var copy = await (await TestPostgres.GetAsync()).CreateDatabaseAsync("restored");
        await PostgresTools.RunAsync("pg_restore", copy, Ct, "--no-owner", "--exit-on-error", _dump);
        _restored = new CrmCdpAppFactory(copy);

        await using (var scope = _restored.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var restoredUser = await users.FindByEmailAsync(user);
            Assert.NotNull(restoredUser);
            Assert.True(await users.CheckPasswordAsync(restoredUser, AppFixture.TestPassword), "the restored user cannot sign in with their password");
        }

        using var restoredApi = _restored.CreateClient();
        restoredApi.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;
        using var restoredAdmin = _restored.CreateClient();
        restoredAdmin.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var (me, _) = await CrmApi.SendAsync(restoredApi, HttpMethod.Get, "/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var (found, restoredContact) = await CrmApi.SendAsync(restoredAdmin, HttpMethod.Get, $"/api/v1/contacts/{contact.Id()}");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("Restored", restoredContact.GetProperty("firstName").GetString());
        var restoredProfile = await restoredAdmin.ProfileWithEventsAsync("user_id", "backup-person", 1, Ct);
        Assert.Equal(profile.Id(), restoredProfile.Id());
        Assert.Contains(profile.Id(), await restoredAdmin.MemberIdsAsync(segment.Id()));
    }
}
