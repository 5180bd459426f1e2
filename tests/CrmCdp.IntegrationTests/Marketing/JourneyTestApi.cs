using System.Net;
using System.Text.Json;
using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Marketing;

/// <summary>The app on a Kestrel port (for the Segment node SDK) with a real SMTP server, public links, and a runner that rests 200 ms.</summary>
public sealed class JourneyApp : KestrelApp
{
    public TestSmtpServer Smtp { get; } = TestSmtpServer.Start();

    protected override string Purpose => "journeys";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Smtp.AppSettings())
    {
        ["Email:PublicUrl"] = "http://crmcdp.test",
        ["Journeys:IdleMilliseconds"] = "200",
    };
}

internal static class JourneyTestApi
{
    public static async Task<JsonElement> CreateTemplateAsync(this HttpClient admin, string subject, string html)
    {
        var (response, template) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/email/templates", new { name = CrmApi.Unique("Offer "), subject, html });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {template}");
        return template;
    }

    public static async Task<JsonElement> PublishJourneyAsync(this HttpClient admin, object definition)
    {
        var (created, journey) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/journeys", definition);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{created.StatusCode}: {journey}");
        var (published, live) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/journeys/{journey.Id()}/publish");
        Assert.True(published.StatusCode == HttpStatusCode.OK, $"{published.StatusCode}: {live}");
        return live;
    }

    public static async Task<List<JsonElement>> PeopleAsync(this HttpClient admin, string journeyId)
    {
        var (response, page) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/journeys/{journeyId}/people?limit=500");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public static async Task<JsonElement> StatsAsync(this HttpClient admin, string journeyId)
    {
        var (response, stats) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/journeys/{journeyId}/stats");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return stats;
    }

    /// <summary>The step's stats entry.</summary>
    public static JsonElement Step(this JsonElement stats, string stepId) => stats.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == stepId);

    public static int Outcome(this JsonElement step, string outcome) => step.GetProperty("outcomes").TryGetProperty(outcome, out var count) ? count.GetInt32() : 0;

    public static Task<JsonElement> ProfileOfAsync(this HttpClient admin, string userId, CancellationToken cancellationToken) =>
        admin.ProfileWhenAsync("user_id", userId, _ => true, cancellationToken);
}
