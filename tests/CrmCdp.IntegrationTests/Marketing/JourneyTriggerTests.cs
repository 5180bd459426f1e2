using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Marketing.Journeys;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Marketing;

/// <summary>People enter journeys from CRM changes, on a schedule and by hand, each once.</summary>
public sealed class JourneyTriggerTests(AutomationApp app) : IClassFixture<AutomationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_deal_moved_into_the_named_stage_enrols_its_contacts_who_get_a_profile_made_and_linked()
    {
        using var admin = app.AdminApi();
        var pipeline = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", Ct)).EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales");
        var (proposal, other) = (pipeline.GetProperty("stages")[2], pipeline.GetProperty("stages")[1]);
        var tag = $"proposal-{Guid.NewGuid():N}"[..20];
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Proposal sent "),
            trigger = new { type = "crm", change = "deal.stage_changed", stage = proposal.GetProperty("name").GetString()!.ToUpperInvariant() },
            start = "tag",
            steps = new object[] { new { id = "tag", type = "add_tag", tag } },
        });
        var buyer = await CrmApi.CreateContactAsync(admin, new { firstName = "Dee", lastName = "Deal", email = $"{tag}@example.com" });
        var bystander = await CrmApi.CreateContactAsync(admin, new { firstName = "Eve", lastName = "Else", email = $"other-{tag}@example.com" });
        var deal = await CreateDealAsync(admin, new { name = CrmApi.Unique("Big "), pipelineId = pipeline.Id(), contactIds = new[] { buyer.Id() } });
        var elsewhere = await CreateDealAsync(admin, new { name = CrmApi.Unique("Small "), pipelineId = pipeline.Id(), contactIds = new[] { bystander.Id() } });
        await MoveAsync(admin, elsewhere.Id(), other.Id());
        await MoveAsync(admin, deal.Id(), proposal.Id());

        var people = await Eventually.UntilAsync(() => admin.PeopleAsync(journey.Id()), p => p.Count == 1 && p[0].GetProperty("status").GetString() == "completed",
            "the buyer through", TimeSpan.FromSeconds(30), Ct);
        var (_, profile) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{people[0].GetProperty("profileId").GetString()}");
        Assert.Equal(buyer.Id(), profile.GetProperty("contactId").GetString());
        Assert.Contains(profile.GetProperty("identifiers").EnumerateArray(), i => i.GetProperty("value").GetString() == $"{tag}@example.com");
        var (_, tagged) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/contacts/{buyer.Id()}");
        Assert.Contains(tag, tagged.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var (_, untouched) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/contacts/{bystander.Id()}");
        Assert.DoesNotContain(tag, untouched.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_new_contact_enters_a_contact_created_journey()
    {
        using var admin = app.AdminApi();
        var tag = $"welcome-{Guid.NewGuid():N}"[..20];
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Welcome "),
            trigger = new { type = "crm", change = "contact.created" },
            start = "tag",
            steps = new object[] { new { id = "tag", type = "add_tag", tag } },
        });
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = "Nia", lastName = "New", email = $"{tag}@example.com" });

        await Eventually.UntilAsync(async () => (await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/contacts/{contact.Id()}")).Item2,
            c => c.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == tag), "the new contact welcomed", TimeSpan.FromSeconds(30), Ct);
        // Contacts the other tests of this app make would enter it too.
        await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/journeys/{journey.Id()}/pause");
        var people = await admin.PeopleAsync(journey.Id());
        var profiles = await Task.WhenAll(people.Select(async p => (await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{p.GetProperty("profileId").GetString()}")).Item2));
        Assert.Single(profiles, p => p.GetProperty("contactId").GetString() == contact.Id());
    }

    [Fact]
    public async Task A_schedule_enrols_the_segments_members_once_per_occurrence()
    {
        using var admin = app.AdminApi();
        var person = await app.KnownPersonAsync(admin);
        await app.EnterAsync(person);
        await Eventually.UntilAsync(async () => (await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/segments/{person.SegmentId}/members")).Item2,
            m => m.GetProperty("items").GetArrayLength() == 1, "the member", TimeSpan.FromSeconds(30), Ct);
        var at = DateTimeOffset.UtcNow.AddSeconds(5);
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Monday digest "),
            trigger = new { type = "schedule", segmentId = person.SegmentId, at, repeat = "weekly" },
            start = "pause",
            steps = new object[] { new { id = "pause", type = "wait", duration = new { amount = 1, unit = "hours" } } },
        });
        var job = app.Factory.Services.GetRequiredService<JourneyScheduleJob>();
        await Eventually.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > at, "the time", TimeSpan.FromSeconds(30), Ct);

        // The app's own minute job may have run this occurrence already: either way it enrols once.
        await job.RunAsync(Ct);
        var people = await admin.PeopleAsync(journey.Id());
        Assert.Equal(person.ProfileId, Assert.Single(people).GetProperty("profileId").GetString());
        Assert.Equal(0, await job.RunAsync(Ct));
        Assert.Single(await admin.PeopleAsync(journey.Id()));
    }

    [Fact]
    public async Task People_enrolled_by_hand_enter_once_and_a_draft_or_an_empty_list_is_refused()
    {
        using var admin = app.AdminApi();
        var person = await app.KnownPersonAsync(admin);
        var definition = new
        {
            name = CrmApi.Unique("Hand picked "),
            trigger = new { type = "segment_entered", segmentId = person.SegmentId },
            start = "pause",
            steps = new object[] { new { id = "pause", type = "wait", duration = new { amount = 1, unit = "hours" } } },
        };
        var (_, draft) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/journeys", definition);
        var (notLive, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/journeys/{draft.Id()}/enrol", new { profileIds = new[] { person.ProfileId } });
        Assert.Equal(HttpStatusCode.Conflict, notLive.StatusCode);

        var journey = await admin.PublishJourneyAsync(definition);
        var (empty, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/journeys/{journey.Id()}/enrol", new { profileIds = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("profileIds", out _), problem.ToString());
        var (ok, result) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/journeys/{journey.Id()}/enrol", new { profileIds = new[] { person.ProfileId, person.ProfileId } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(1, result.GetProperty("enrolled").GetInt32());
        var (_, twice) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/journeys/{journey.Id()}/enrol", new { profileIds = new[] { person.ProfileId } });
        Assert.Equal(0, twice.GetProperty("enrolled").GetInt32());
        Assert.Single(await admin.PeopleAsync(journey.Id()));
    }

    private static async Task<JsonElement> CreateDealAsync(HttpClient admin, object body)
    {
        var (response, deal) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/deals", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {deal}");
        return deal;
    }

    private static async Task MoveAsync(HttpClient admin, string dealId, string stageId)
    {
        var (response, moved) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/deals/{dealId}/move", new { stageId });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {moved}");
    }
}
