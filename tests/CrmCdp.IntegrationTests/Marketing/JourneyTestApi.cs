using System.Net;
using System.Text.Json;
using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Profiles;
using Microsoft.Extensions.DependencyInjection;

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

/// <summary>The app with a real SMTP server and a cap of one marketing email per person and week.</summary>
public sealed class CappedMarketingApp : AppFixture, IAsyncLifetime
{
    public TestSmtpServer Smtp { get; } = TestSmtpServer.Start();

    public ValueTask InitializeAsync() => new(StartAsync("capped", settings: new Dictionary<string, string?>(Smtp.AppSettings())
    {
        ["Email:PublicUrl"] = "http://crmcdp.test",
        ["Journeys:IdleMilliseconds"] = "200",
        ["Marketing:MaxEmailsPerPersonPerWeek"] = "1",
    }));

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await Smtp.DisposeAsync();
    }
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

    /// <summary>A contact (who agreed to email, or not), their profile linked to it, and a segment their next identify will enter.</summary>
    public static async Task<Person> KnownPersonAsync(this AppFixture app, HttpClient admin, string? writeKey = null, string? run = null, string? segmentId = null, bool consent = true)
    {
        var ct = TestContext.Current.CancellationToken;
        var key = writeKey ?? (await app.SourceAsync()).Key;
        run ??= Guid.NewGuid().ToString("N")[..10];
        var user = $"cleo-{Guid.NewGuid().ToString("N")[..10]}";
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = "Cleo", lastName = "Clicks", email = $"{user}@example.com", emailConsent = consent });
        segmentId ??= (await admin.CreateSegmentAsync(new { name = CrmApi.Unique("Run "), definition = new { type = "trait", field = "run", @operator = "equals", value = run } })).Id();
        using var sdk = app.Sdk(key);
        await sdk.SendBatchAsync([new { type = "identify", userId = user, traits = new { email = $"{user}@example.com" } }]);
        var profile = await admin.ProfileOfAsync(user, ct);
        await app.Factory.Services.GetRequiredService<ContactLinkJob>().RunAsync(ct);
        return new Person(user, profile.Id(), contact.Id(), segmentId, key, run);
    }

    /// <summary>Puts the person into their segment.</summary>
    public static async Task EnterAsync(this AppFixture app, Person person)
    {
        using var sdk = app.Sdk(person.WriteKey);
        await sdk.SendBatchAsync([new { type = "identify", userId = person.User, traits = new { run = person.Run } }]);
    }
}

public sealed record Person(string User, string ProfileId, string ContactId, string SegmentId, string WriteKey, string Run);
