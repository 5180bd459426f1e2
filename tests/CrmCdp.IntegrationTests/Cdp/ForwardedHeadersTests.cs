using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>
/// Behind a TLS proxy, analytics.js must be told the public scheme and host; the forwarded headers count only when
/// they come from a proxy the configuration trusts.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static async Task<JsonElement> SettingsThroughProxyAsync(IReadOnlyDictionary<string, string?> settings)
    {
        await using var app = new AppFixture();
        await app.StartAsync("forwarded", useKestrel: true, settings);
        using var admin = app.AdminApi();
        using var created = await admin.PostAsJsonAsync("/api/v1/sources", new { name = "Shop", type = "website" }, TestContext.Current.CancellationToken);
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("writeKey").GetString();
        using var proxy = new HttpClient { BaseAddress = app.Factory.ClientOptions.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/projects/{key}/settings");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "cdp.example.com");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");
        using var response = await proxy.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("integrations").GetProperty("Segment.io");
    }

    [Fact]
    public async Task A_trusted_proxy_sets_the_public_scheme_and_host()
    {
        // The test client connects from loopback, the proxy trusted when none is listed.
        var segment = await SettingsThroughProxyAsync(new Dictionary<string, string?> { ["ForwardedHeaders:Enabled"] = "true" });

        Assert.Equal("https", segment.GetProperty("protocol").GetString());
        Assert.Equal("cdp.example.com/v1", segment.GetProperty("apiHost").GetString());
    }

    [Fact]
    public async Task Headers_from_an_untrusted_address_are_ignored()
    {
        var segment = await SettingsThroughProxyAsync(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = "10.9.9.9",
        });

        Assert.Equal("http", segment.GetProperty("protocol").GetString());
        Assert.StartsWith("127.0.0.1:", segment.GetProperty("apiHost").GetString(), StringComparison.Ordinal);
    }
}
