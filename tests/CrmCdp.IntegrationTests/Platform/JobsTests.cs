using System.Net;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Auth.Sessions;
using CrmCdp.Web.Platform.Data;
using CrmCdp.Web.Platform.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Platform;

[Collection(SharedAppGroup.Name)]
public sealed class JobsTests(SharedApp app)
{
    [Fact]
    public async Task The_jobs_dashboard_is_for_admins_only()
    {
        var rep = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        using var anonymous = NewBrowser();
        using var salesRep = NewBrowser();
        using var admin = NewBrowser();
        await FormSignIn.SignInAsync(salesRep, rep, AppFixture.TestPassword);
        await FormSignIn.SignInAsync(admin, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);

        using var anonymousResponse = await anonymous.GetAsync(JobsRegistration.DashboardPath, TestContext.Current.CancellationToken);
        using var repResponse = await salesRep.GetAsync(JobsRegistration.DashboardPath, TestContext.Current.CancellationToken);
        using var adminResponse = await admin.GetAsync(JobsRegistration.DashboardPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, anonymousResponse.StatusCode);
        Assert.StartsWith("/account/login", anonymousResponse.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, repResponse.StatusCode);
        Assert.StartsWith("/account/access-denied", repResponse.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, adminResponse.StatusCode);
        Assert.Contains("CrmCdp jobs", await adminResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_housekeeping_job_deletes_expired_sessions_when_triggered()
    {
        var expired = NewSession(DateTimeOffset.UtcNow.AddMinutes(-5));
        var live = NewSession(DateTimeOffset.UtcNow.AddHours(5));
        await using (var db = await NewDbAsync())
        {
            db.UserSessions.AddRange(expired, live);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        app.Factory.Services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(ExpiredSessionCleanupJob.Id);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        var expiredExists = true;
        while (expiredExists && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            await using var db = await NewDbAsync();
            expiredExists = await db.UserSessions.AnyAsync(s => s.Id == expired.Id, TestContext.Current.CancellationToken);
        }

        await using var check = await NewDbAsync();
        Assert.False(expiredExists, $"The Hangfire server did not run the housekeeping job within 60 s. {await HangfireStateAsync(check)}");
        Assert.True(await check.UserSessions.AnyAsync(s => s.Id == live.Id, TestContext.Current.CancellationToken));
    }

    /// <summary>What Hangfire's tables say, for a failure message.</summary>
    private static async Task<string> HangfireStateAsync(AppDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT string_agg(statename || ':' || n, ', ') FROM (SELECT statename, count(*) n FROM hangfire.job GROUP BY statename) s; ";
        var jobs = await command.ExecuteScalarAsync();
        command.CommandText = "SELECT string_agg(id || ' hb ' || lastheartbeat, ', ') FROM hangfire.server";
        var servers = await command.ExecuteScalarAsync();
        return $"jobs by state: {jobs}; servers: {servers}";
    }

    private HttpClient NewBrowser() =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private Task<AppDbContext> NewDbAsync() =>
        app.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    private static UserSession NewSession(DateTimeOffset expiresAt) => new()
    {
        Id = Guid.NewGuid(),
        CreatedAt = DateTimeOffset.UtcNow.AddDays(-1),
        LastSeenAt = DateTimeOffset.UtcNow.AddDays(-1),
        ExpiresAt = expiresAt,
        Ticket = [1, 2, 3],
    };
}
