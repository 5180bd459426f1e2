using System.Net;
using CrmCdp.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrmCdp.IntegrationTests.Platform;

/// <summary>On an app of its own with small limits, so the shared app's tests are never throttled.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly AppFixture _app = new();

    public ValueTask InitializeAsync() => new(_app.StartAsync("ratelimits", settings: new Dictionary<string, string?>
    {
        ["RateLimits:LoginPerMinute"] = "3",
        ["RateLimits:ApiPerMinute"] = "5",
    }));

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Repeated_sign_in_attempts_get_429_with_retry_after()
    {
        using var browser = _app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await FormSignIn.PostLoginAsync(browser, CrmCdpAppFactory.AdminEmail, "wrong-password");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Each_api_key_has_its_own_budget()
    {
        using var admin = _app.AdminApi();
        var rep = await _app.CreateUserAsync(Web.Platform.Auth.BuiltInRoles.SalesRep);
        using var other = await _app.ApiClientForAsync(rep, Web.Platform.Auth.BuiltInRoles.SalesRep);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await admin.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        using var throttled = await admin.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
        var problem = await throttled.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var otherKey = await other.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("Too many requests", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }
}
