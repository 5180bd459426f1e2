using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmCdp.TestSupport;

namespace CrmCdp.BrowserTests;

/// <summary>CDP data for browser tests: a source, an SDK-like client for its write key, and waiting for identity resolution.</summary>
internal static class CdpTestData
{
    public static async Task<string> CreateSourceKeyAsync(this BrowserApp app, string name)
    {
        using var admin = app.AdminApi();
        using var created = await admin.PostAsJsonAsync("/api/v1/sources", new { name, type = "website" }, TestContext.Current.CancellationToken);
        created.EnsureSuccessStatusCode();
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return body.GetProperty("writeKey").GetString()!;
    }

    public static async Task SendBatchAsync(this BrowserApp app, string writeKey, params object[] events)
    {
        using var sdk = app.Factory.CreateClient();
        sdk.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        using var sent = await sdk.PostAsJsonAsync("/v1/batch", new { batch = events }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
    }

    /// <summary>The profile holding the identifier once it satisfies the condition (resolution runs in the background).</summary>
    public static async Task<JsonElement> ProfileWhenAsync(this BrowserApp app, string type, string value, Func<JsonElement, bool> ready)
    {
        using var admin = app.AdminApi();
        return await admin.ProfileWhenAsync(type, value, ready, TestContext.Current.CancellationToken);
    }
}
