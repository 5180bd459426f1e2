using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Cdp.Profiles;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Cdp;

[Collection(SharedAppGroup.Name)]
public sealed class CrmJoinTests(SharedApp app)
{
    private static async Task<JsonElement> EventuallyAsync(HttpClient api, string path, Func<JsonElement, bool> done) =>
        (await Eventually.UntilAsync(
            () => CrmApi.SendAsync(api, HttpMethod.Get, path),
            answer => answer.Response.StatusCode == HttpStatusCode.OK && done(answer.Body),
            path,
            cancellationToken: TestContext.Current.CancellationToken)).Body;

    [Fact]
    public async Task A_profile_sharing_a_contacts_email_is_linked_gets_its_crm_events_and_fields_and_shows_on_the_360_page()
    {
        using var admin = app.AdminApi();
        var email = $"{CrmApi.Unique("buyer")}@example.com";
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = "Bea", lastName = "Buyer", email, jobTitle = "Buyer" });
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var user = CrmApi.Unique("bea-");
        using (var sent = await sdk.PostAsJsonAsync("/v1/batch", new
        {
            batch = new object[]
            {
                new { type = "identify", userId = user, traits = new { email, plan = "pro" } },
                new { type = "track", userId = user, @event = "Pricing Viewed" },
            },
        }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var profile = await EventuallyAsync(admin, $"/api/v1/profiles/lookup?type=user_id&value={user}", p => p.GetProperty("contactId").ValueKind == JsonValueKind.String);
        Assert.Equal(contact.Id(), profile.GetProperty("contactId").GetString());

        var pipelines = await admin.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        var pipeline = pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales");
        var (created, deal) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/deals", new
        {
            name = CrmApi.Unique("Deal "),
            amount = 900m,
            pipelineId = pipeline.Id(),
            stageId = pipeline.GetProperty("stages")[0].Id(),
            contactIds = new[] { contact.Id() },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (_, events) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{profile.Id()}/events");
        var items = events.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, e => e.GetProperty("type").GetString() == "crm" && e.GetProperty("event").GetString() == "deal.created");
        Assert.Contains(items, e => e.GetProperty("event").GetString() == "Pricing Viewed");
        Assert.NotEmpty(deal.Id());

        await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/contacts/{contact.Id()}",
            new { firstName = "Bea", lastName = "Buyer", email, jobTitle = "Head of purchasing", version = contact.GetProperty("version").GetUInt32() });
        await app.Factory.Services.GetRequiredService<ContactLinkJob>().RunAsync(TestContext.Current.CancellationToken);
        var (_, refreshed) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{profile.Id()}");
        Assert.Equal("Head of purchasing", refreshed.GetProperty("traits").GetProperty("crm_job_title").GetString());
        Assert.Equal("crm", refreshed.GetProperty("traitSources").GetProperty("crm_job_title").GetProperty("source").GetString());

        var summary = await app.Factory.Services.GetRequiredService<IContactProfiles>().ForContactAsync(await app.AccessOfAsync(), Guid.Parse(contact.Id()), TestContext.Current.CancellationToken);
        Assert.NotNull(summary);
        Assert.Equal(Guid.Parse(profile.Id()), summary.ProfileId);
        Assert.Contains(summary.TopEvents, t => t.Key == "Pricing Viewed");
        Assert.Contains(summary.Traits, t => t.Key == "plan" && t.Value == "pro");
    }

    [Fact]
    public async Task A_profile_is_linked_by_the_user_id_kept_in_the_contacts_userId_field()
    {
        using var admin = app.AdminApi();
        await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/custom-fields", new { key = "userId", label = "App user id", type = "text" });
        var user = CrmApi.Unique("app-user-");
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = "Uma", lastName = "User", customFields = new Dictionary<string, object> { ["userId"] = user } });
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        using (await sdk.PostAsJsonAsync("/v1/track", new { userId = user, @event = "Logged In" }, TestContext.Current.CancellationToken))
        {
        }

        var profile = await EventuallyAsync(admin, $"/api/v1/profiles/lookup?type=user_id&value={user}", p => p.GetProperty("contactId").ValueKind == JsonValueKind.String);
        Assert.Equal(contact.Id(), profile.GetProperty("contactId").GetString());
    }

    [Fact]
    public async Task A_marketer_turns_a_known_profile_into_a_contact_in_one_call()
    {
        using var admin = app.AdminApi();
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var (known, anonymous) = ($"{CrmApi.Unique("lead")}@example.com", CrmApi.Unique("anon-only-"));
        using (await sdk.PostAsJsonAsync("/v1/batch", new
        {
            batch = new object[]
            {
                new { type = "identify", anonymousId = CrmApi.Unique("a-"), traits = new { email = known, firstName = "Lena", lastName = "Lead" } },
                new { type = "page", anonymousId = anonymous, name = "Home" },
            },
        }, TestContext.Current.CancellationToken))
        {
        }

        var profile = await EventuallyAsync(admin, $"/api/v1/profiles/lookup?type=email&value={known}", _ => true);
        var (createdStatus, contactId) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/profiles/{profile.Id()}/contact");
        Assert.Equal(HttpStatusCode.Created, createdStatus.StatusCode);
        var (_, contact) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/contacts/{contactId.GetString()}");
        Assert.Equal("Lena", contact.GetProperty("firstName").GetString());
        Assert.Contains(known, contact.GetProperty("emails").EnumerateArray().Select(e => e.GetString()));
        var (_, linked) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{profile.Id()}");
        Assert.Equal(contactId.GetString(), linked.GetProperty("contactId").GetString());
        var (again, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/profiles/{profile.Id()}/contact");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var stranger = await EventuallyAsync(admin, $"/api/v1/profiles/lookup?type=anonymous_id&value={anonymous}", _ => true);
        var (refused, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/profiles/{stranger.Id()}/contact");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
    }
}
