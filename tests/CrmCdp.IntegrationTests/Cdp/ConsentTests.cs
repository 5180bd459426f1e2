using System.Net;
using System.Net.Http.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Profiles;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Cdp;

[Collection(SharedAppGroup.Name)]
public sealed class ConsentTests(SharedApp app)
{
    [Fact]
    public async Task Consent_from_events_and_from_the_linked_contact_sets_the_profile_state_with_its_history()
    {
        using var admin = app.AdminApi();
        var email = $"{CrmApi.Unique("consent")}@example.com";
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = "Cora", lastName = "Consent", email, emailConsent = true });
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var user = CrmApi.Unique("cora-");
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-5);
        using (var sent = await sdk.PostAsJsonAsync("/v1/batch", new
        {
            batch = new object[]
            {
                new { type = "identify", userId = user, traits = new { email }, timestamp = t0, context = new { consent = new { categoryPreferences = new { Advertising = true, Analytics = true } } } },
                new { type = "track", userId = user, @event = "Viewed", timestamp = t0.AddMinutes(1), context = new { consent = new { categoryPreferences = new { Advertising = true, Analytics = true } } } },
                new { type = "track", userId = user, @event = "Opted out", timestamp = t0.AddMinutes(2), context = new { consent = new { categoryPreferences = new { Advertising = false, Analytics = true } } } },
            },
        }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var profile = await admin.ProfileWithEventsAsync("user_id", user, 3, TestContext.Current.CancellationToken);

        Assert.True(profile.TryGetProperty("consent", out var consent), profile.ToString());
        var preferences = consent.GetProperty("categoryPreferences");
        Assert.False(preferences.GetProperty("advertising").GetBoolean());
        Assert.True(preferences.GetProperty("analytics").GetBoolean());
        var (_, history) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{profile.Id()}/consent");
        // The minute contact-link job may already have added the contact's consent; the events' changes are these two.
        var fromEvents = history.EnumerateArray().Where(h => h.GetProperty("source").GetString() != "crm").ToList();
        Assert.Equal(2, fromEvents.Count);
        Assert.False(fromEvents[0].GetProperty("state").GetProperty("categoryPreferences").GetProperty("advertising").GetBoolean());
        Assert.True(fromEvents[1].GetProperty("state").GetProperty("categoryPreferences").GetProperty("advertising").GetBoolean());

        await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/contacts/{contact.Id()}",
            new { firstName = "Cora", lastName = "Consent", email, emailConsent = true, smsConsent = true, version = contact.GetProperty("version").GetUInt32() });
        await app.Factory.Services.GetRequiredService<ContactLinkJob>().RunAsync(TestContext.Current.CancellationToken);
        var (_, linked) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{profile.Id()}");
        Assert.True(linked.GetProperty("consent").GetProperty("email").GetBoolean());
        Assert.True(linked.GetProperty("consent").GetProperty("sms").GetBoolean());
        Assert.False(linked.GetProperty("consent").GetProperty("categoryPreferences").GetProperty("advertising").GetBoolean());
        var (_, after) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{profile.Id()}/consent");
        Assert.Equal("crm", after[0].GetProperty("source").GetString());
        Assert.True(after[0].GetProperty("state").GetProperty("sms").GetBoolean());
        Assert.Equal(2, after.EnumerateArray().Count(h => h.GetProperty("source").GetString() != "crm"));
    }
}
