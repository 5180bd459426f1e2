using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Profiles;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Marketing;

/// <summary>The canonical case end to end: a product viewed and not bought becomes a personal offer, then a task for the rep.</summary>
public sealed class JourneyTests(JourneyApp app) : IClassFixture<JourneyApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_viewer_who_does_not_buy_gets_the_offer_then_becomes_a_task_for_their_rep_and_a_buyer_leaves_by_the_goal()
    {
        using var admin = app.AdminApi();
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var (_, key) = await app.SourceAsync();
        var run = Guid.NewGuid().ToString("N")[..10];
        var (browserUser, buyerUser) = ($"browser-{run}", $"buyer-{run}");
        var browser = await CrmApi.CreateContactAsync(admin, new { firstName = "Ann", lastName = "Browser", email = $"{browserUser}@example.com", emailConsent = true, ownerId = rep.Id });
        var buyer = await CrmApi.CreateContactAsync(admin, new { firstName = "Ben", lastName = "Buyer", email = $"{buyerUser}@example.com", emailConsent = true, ownerId = rep.Id });
        var segment = await admin.CreateSegmentAsync(new
        {
            name = CrmApi.Unique("Viewed, not bought "),
            definition = new
            {
                type = "and",
                conditions = new object[]
                {
                    new { type = "event", @event = "Product Viewed", @operator = "at_least", count = 1, within = new { amount = 1, unit = "hours" }, where = new[] { new { field = "run", @operator = "equals", value = run } } },
                    new { type = "event", @event = "Order Completed", @operator = "at_most", count = 0, within = new { amount = 1, unit = "hours" } },
                },
            },
        });
        var template = await admin.CreateTemplateAsync("{{ contact.first_name }}, 10% off the {{ profile.run | default: 'shoes' }} you looked at", "<p>Hi {{ contact.first_name }}, take 10% off today.</p>");
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Browse abandonment "),
            trigger = new { type = "segment_entered", segmentId = segment.Id() },
            start = "offer",
            steps = new object[]
            {
                new { id = "offer", type = "send_email", templateId = template.Id(), next = "pause" },
                new { id = "pause", type = "wait", duration = new { amount = 1, unit = "hours" }, next = "call" },
                new { id = "call", type = "create_task", title = "Call {name}: viewed trail shoes, did not buy", next = (string?)null },
            },
            goal = new { @event = "Order Completed" },
            reentry = new { mode = "never" },
        });

        Assert.Empty((await SdkClients.RunAsync("segment-offer.mjs", app.BaseAddress, key, $"identify.{run}")).GetProperty("errors").EnumerateArray());
        await admin.ProfileOfAsync(browserUser, Ct);
        await admin.ProfileOfAsync(buyerUser, Ct);
        await app.Factory.Services.GetRequiredService<ContactLinkJob>().RunAsync(Ct);
        Assert.Empty((await SdkClients.RunAsync("segment-offer.mjs", app.BaseAddress, key, $"view.{run}")).GetProperty("errors").EnumerateArray());

        var offer = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == $"{browserUser}@example.com"), TimeSpan.FromSeconds(30));
        await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == $"{buyerUser}@example.com"), TimeSpan.FromSeconds(30));
        Assert.Empty((await SdkClients.RunAsync("segment-offer.mjs", app.BaseAddress, key, $"order.{run}")).GetProperty("errors").EnumerateArray());
        await admin.ProfileWhenAsync("user_id", buyerUser, p => p.GetProperty("eventCount").GetInt64() == 3, Ct);
        await Eventually.UntilAsync(() => admin.PeopleAsync(journey.Id()), p => p.Count == 2 && p.All(x => x.GetProperty("step").GetString() == "pause"),
            "both people waiting", TimeSpan.FromSeconds(30), Ct);
        // The hour passes: the buyer, who ordered while waiting, leaves by the goal; the browser goes on to the call.
        await JourneyClock.EndWaitsAsync(app.Factory.ConnectionString, journey.Id());
        Assert.Equal($"Ann, 10% off the {run} you looked at", offer.Message.Subject);
        Assert.Matches("^<http://crmcdp.test/u/[A-Za-z0-9_-]+>$", offer.Message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", offer.Message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("Unsubscribe", offer.Message.HtmlBody, StringComparison.Ordinal);

        var tasks = await Eventually.UntilAsync(() => TasksAsync(rep.Api, browser.Id()), t => t.Count == 1, "the rep's task for Ann", TimeSpan.FromSeconds(40), Ct);
        Assert.Equal("Call Ann Browser: viewed trail shoes, did not buy", tasks[0].GetProperty("title").GetString());
        Assert.Equal(rep.Id.ToString(), tasks[0].GetProperty("ownerId").GetString());
        var people = await Eventually.UntilAsync(() => admin.PeopleAsync(journey.Id()), p => p.Count == 2 && p.All(x => x.GetProperty("status").GetString() != "active"),
            "both people through the journey", TimeSpan.FromSeconds(40), Ct);
        var buyerProfile = await admin.ProfileOfAsync(buyerUser, Ct);
        Assert.Equal("goal", people.Single(p => p.GetProperty("profileId").GetString() == buyerProfile.Id()).GetProperty("status").GetString());
        Assert.Empty(await TasksAsync(rep.Api, buyer.Id()));
        var stats = await admin.StatsAsync(journey.Id());
        Assert.Equal((2, 1, 1), (stats.Step("offer").Outcome("sent"), stats.Step("call").Outcome("created"), stats.GetProperty("goal").GetInt32()));
        var (_, journeys) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{buyerProfile.Id()}/journeys");
        Assert.Equal("goal", journeys[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_one_click_unsubscribe_revokes_consent_at_once_and_the_next_send_is_skipped_and_counted()
    {
        using var admin = app.AdminApi();
        var (_, key) = await app.SourceAsync();
        var run = Guid.NewGuid().ToString("N")[..10];
        var user = $"cleo-{run}";
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = "Cleo", lastName = "Leaves", email = $"{user}@example.com", emailConsent = true });
        var segment = await admin.CreateSegmentAsync(new { name = CrmApi.Unique("Run "), definition = new { type = "trait", field = "run", @operator = "equals", value = run } });
        var template = await admin.CreateTemplateAsync("News for {{ contact.first_name }}", "<p>Hello {{ contact.first_name }}</p>");
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Newsletter "),
            trigger = new { type = "segment_entered", segmentId = segment.Id() },
            start = "first",
            steps = new object[]
            {
                new { id = "first", type = "send_email", templateId = template.Id(), next = "pause" },
                new { id = "pause", type = "wait", duration = new { amount = 1, unit = "hours" }, next = "second" },
                new { id = "second", type = "send_email", templateId = template.Id(), next = (string?)null },
            },
        });
        using var sdk = app.Sdk(key);
        await sdk.SendBatchAsync([new { type = "identify", userId = user, traits = new { email = $"{user}@example.com" } }]);
        var profile = await admin.ProfileOfAsync(user, Ct);
        await app.Factory.Services.GetRequiredService<ContactLinkJob>().RunAsync(Ct);
        await sdk.SendBatchAsync([new { type = "identify", userId = user, traits = new { run } }]);

        var first = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == $"{user}@example.com"), TimeSpan.FromSeconds(30));
        var unsubscribe = new Uri(first.Message.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        using var mailProvider = app.Factory.CreateClient();
        using var forged = await mailProvider.PostAsync(unsubscribe.AbsolutePath[..^2] + "xy", OneClick(), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var oneClick = await mailProvider.PostAsync(unsubscribe.AbsolutePath, OneClick(), Ct);
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);

        var (_, after) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/contacts/{contact.Id()}");
        Assert.False(after.GetProperty("emailConsent").GetBoolean());
        var (_, consent) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{profile.Id()}/consent");
        Assert.Equal("unsubscribe", consent[0].GetProperty("source").GetString());
        Assert.False(consent[0].GetProperty("state").GetProperty("email").GetBoolean());
        await Eventually.UntilAsync(() => admin.PeopleAsync(journey.Id()), p => p.Count == 1 && p[0].GetProperty("step").GetString() == "pause", "waiting", TimeSpan.FromSeconds(30), Ct);
        await JourneyClock.EndWaitsAsync(app.Factory.ConnectionString, journey.Id());
        var stats = await Eventually.UntilAsync(() => admin.StatsAsync(journey.Id()), s => s.GetProperty("completed").GetInt32() == 1, "the journey finished", TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(1, stats.Step("first").Outcome("sent"));
        Assert.Equal(1, stats.Step("second").Outcome("skipped:no_consent"));
        Assert.Single(app.Smtp.Received, e => e.Message.To.Mailboxes.Any(m => m.Address == $"{user}@example.com"));
        var (_, audit) = await CrmApi.SendAsync(admin, HttpMethod.Get, "/api/v1/audit?action=marketing.unsubscribed");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), a => a.GetProperty("recordId").GetString() == profile.Id());
    }

    [Fact]
    public async Task An_event_with_matching_properties_enrols_its_person_and_one_with_other_values_does_not()
    {
        using var admin = app.AdminApi();
        var (_, key) = await app.SourceAsync();
        var run = Guid.NewGuid().ToString("N")[..10];
        var template = await admin.CreateTemplateAsync("Welcome to Pro, {{ contact.first_name | default: 'friend' }}", "<p>Welcome</p>");
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Pro trials "),
            trigger = new { type = "event", @event = "Trial Started", where = new object[] { new { field = "plan", @operator = "equals", value = "pro" }, new { field = "run", @operator = "equals", value = run } } },
            start = "welcome",
            steps = new object[] { new { id = "welcome", type = "send_email", templateId = template.Id() } },
        });
        using var sdk = app.Sdk(key);
        // The free trial first: its id is lower, so it was read by the time the pro trial is enrolled.
        await sdk.SendBatchAsync([
            new { type = "track", userId = $"free-{run}", @event = "Trial Started", properties = new { plan = "free", run } },
            new { type = "track", userId = $"pro-{run}", @event = "Trial Started", properties = new { plan = "pro", run } },
        ]);

        var pro = await admin.ProfileOfAsync($"pro-{run}", Ct);
        var free = await admin.ProfileOfAsync($"free-{run}", Ct);
        var people = await Eventually.UntilAsync(() => admin.PeopleAsync(journey.Id()), p => p.Count == 1 && p[0].GetProperty("status").GetString() == "completed",
            "the pro trial through the journey", TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(pro.Id(), people[0].GetProperty("profileId").GetString());
        // No address: the send is skipped, and counted.
        Assert.Equal(1, (await admin.StatsAsync(journey.Id())).Step("welcome").Outcome("skipped:no_email"));
        Assert.DoesNotContain(free.Id(), (await admin.PeopleAsync(journey.Id())).Select(p => p.GetProperty("profileId").GetString()));
    }

    [Fact]
    public async Task A_tag_step_tags_the_persons_contact_once()
    {
        using var admin = app.AdminApi();
        var person = await app.KnownPersonAsync(admin);
        var tag = $"journey-{person.Run}";
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Tagging "),
            trigger = new { type = "segment_entered", segmentId = person.SegmentId },
            start = "tag",
            steps = new object[] { new { id = "tag", type = "add_tag", tag, next = "again" }, new { id = "again", type = "add_tag", tag = tag.ToUpperInvariant() } },
        });
        await app.EnterAsync(person);

        var stats = await Eventually.UntilAsync(() => admin.StatsAsync(journey.Id()), s => s.GetProperty("completed").GetInt32() == 1, "the person tagged", TimeSpan.FromSeconds(30), Ct);
        Assert.Equal((1, 1), (stats.Step("tag").Outcome("tagged"), stats.Step("again").Outcome("already_tagged")));
        var (_, contact) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/contacts/{person.ContactId}");
        Assert.Equal([tag], contact.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_definition_that_could_not_run_is_refused_naming_the_step()
    {
        using var admin = app.AdminApi();
        var segment = await admin.CreateSegmentAsync(new { name = CrmApi.Unique("Any "), definition = new { type = "trait", field = "plan", @operator = "exists" } });
        object Journey(params object[] steps) => new { name = "Bad", trigger = new { type = "segment_entered", segmentId = segment.Id() }, start = "a", steps };
        foreach (var (body, field, words) in new (object, string, string)[]
        {
            (Journey(new { id = "a", type = "teleport" }), "steps[0].type", "'a'"),
            (Journey(new { id = "a", type = "exit" }, new { id = "b", type = "create_task", title = "x", next = "nowhere" }), "steps[1].next", "'nowhere'"),
            (Journey(new { id = "a", type = "branch", condition = new { type = "trait", field = "plan", @operator = "exists" }, then = "b", @else = "a" },
                new { id = "b", type = "create_task", title = "x", next = "a" }), "steps[0]", "loop"),
            (Journey(new { id = "a", type = "send_email", templateId = Guid.NewGuid() }), "steps[0].templateId", "'a'"),
            (Journey(new { id = "a", type = "wait", duration = new { amount = 0, unit = "fortnights" } }), "steps[0].duration", "'a'"),
            (Journey(new { id = "a", type = "branch", condition = new { type = "trait", field = "plan", @operator = "sounds_like" } }), "steps[0].condition", "'a'"),
            (new { name = "No trigger", start = "a", steps = new[] { new { id = "a", type = "exit" } } }, "trigger.type", "segment_entered"),
        })
        {
            var (response, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/journeys", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {response.StatusCode} {problem}");
            var errors = problem.GetProperty("errors");
            var match = errors.EnumerateObject().FirstOrDefault(e => e.Name.StartsWith(field, StringComparison.Ordinal));
            Assert.True(match.Value.ValueKind == JsonValueKind.Array, $"no error under {field}: {errors}");
            Assert.Contains(words, match.Value[0].GetString());
        }
    }

    private static FormUrlEncodedContent OneClick() => new(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });

    private static async Task<List<JsonElement>> TasksAsync(HttpClient api, string contactId) =>
        [.. (await api.GetFromJsonAsync<JsonElement>($"/api/v1/tasks?contactId={contactId}", Ct)).GetProperty("items").EnumerateArray()];
}
