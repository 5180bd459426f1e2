using System.Net;
using System.Text.Json;
using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Marketing.Journeys;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Marketing;

/// <summary>The app with a real webhook receiver that destinations may reach on loopback; journeys rest 200 ms.</summary>
public sealed class AutomationApp : AppFixture, IAsyncLifetime
{
    public TestWebhookReceiver Receiver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await TestWebhookReceiver.StartAsync();
        await StartAsync("automation", settings: new Dictionary<string, string?>
        {
            ["Destinations:AllowPrivateNetworks"] = "true",
            ["Destinations:IdleMilliseconds"] = "100",
            ["Journeys:IdleMilliseconds"] = "200",
        });
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await DisposeAsync();
    }
}

/// <summary>Steps that wait for an event, change the person's records or call a webhook, and the goal that ends a wait at once.</summary>
public sealed class JourneyAutomationTests(AutomationApp app) : IClassFixture<AutomationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_waiting_for_an_event_goes_on_when_it_comes_with_matching_properties_and_the_others_by_the_timeout()
    {
        using var admin = app.AdminApi();
        var run = Guid.NewGuid().ToString("N")[..10];
        var booker = await app.KnownPersonAsync(admin, run: run);
        var silent = await app.KnownPersonAsync(admin, run: run, segmentId: booker.SegmentId);
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Demo follow-up "),
            trigger = new { type = "segment_entered", segmentId = booker.SegmentId },
            start = "await",
            steps = new object[]
            {
                new { id = "await", type = "wait_until_event", @event = "Demo Booked", where = new[] { new { field = "plan", @operator = "equals", value = "pro" } },
                    timeout = new { amount = 1, unit = "hours" }, next = "booked", onTimeout = "nudge" },
                new { id = "booked", type = "add_tag", tag = $"booked-{run}" },
                new { id = "nudge", type = "add_tag", tag = $"nudge-{run}" },
            },
        });
        await app.EnterAsync(booker);
        await app.EnterAsync(silent);
        await Eventually.UntilAsync(() => admin.PeopleAsync(journey.Id()), p => p.Count == 2 && p.All(x => x.GetProperty("step").GetString() == "await"), "both waiting",
            TimeSpan.FromSeconds(30), Ct);

        using var sdk = app.Sdk(booker.WriteKey);
        await sdk.SendBatchAsync([new { type = "track", userId = booker.User, @event = "Demo Booked", properties = new { plan = "free" } }]);
        await sdk.SendBatchAsync([new { type = "track", userId = booker.User, @event = "Demo Booked", properties = new { plan = "pro" } }]);
        // No clock moved: the event itself takes the booker on.
        var people = await Eventually.UntilAsync(() => admin.PeopleAsync(journey.Id()), p => p.Any(x => x.GetProperty("status").GetString() == "completed"),
            "the booker through", TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(booker.ProfileId, people.Single(x => x.GetProperty("status").GetString() == "completed").GetProperty("profileId").GetString());
        Assert.Equal("await", people.Single(x => x.GetProperty("profileId").GetString() == silent.ProfileId).GetProperty("step").GetString());

        await JourneyClock.EndWaitsAsync(app.Factory.ConnectionString, journey.Id());
        var stats = await Eventually.UntilAsync(() => admin.StatsAsync(journey.Id()), s => s.GetProperty("completed").GetInt32() == 2, "the silent one by the timeout",
            TimeSpan.FromSeconds(30), Ct);
        Assert.Equal((1, 1), (stats.Step("await").Outcome("event"), stats.Step("await").Outcome("timeout")));
        Assert.Equal([$"booked-{run}"], await TagsAsync(admin, booker.ContactId));
        Assert.Equal([$"nudge-{run}"], await TagsAsync(admin, silent.ContactId));
    }

    [Fact]
    public async Task The_goal_event_ends_a_wait_at_once()
    {
        using var admin = app.AdminApi();
        var person = await app.KnownPersonAsync(admin);
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Until they buy "),
            trigger = new { type = "segment_entered", segmentId = person.SegmentId },
            start = "pause",
            steps = new object[] { new { id = "pause", type = "wait", duration = new { amount = 1, unit = "days" }, next = "tag" }, new { id = "tag", type = "add_tag", tag = "never" } },
            goal = new { @event = "Order Completed" },
        });
        await app.EnterAsync(person);
        await Eventually.UntilAsync(() => admin.PeopleAsync(journey.Id()), p => p.Count == 1 && p[0].GetProperty("step").GetString() == "pause", "waiting", TimeSpan.FromSeconds(30), Ct);

        using var sdk = app.Sdk(person.WriteKey);
        await sdk.SendBatchAsync([new { type = "track", userId = person.User, @event = "Order Completed" }]);
        await Eventually.UntilAsync(() => admin.PeopleAsync(journey.Id()), p => p[0].GetProperty("status").GetString() == "goal", "left by the goal", TimeSpan.FromSeconds(30), Ct);
        Assert.Empty(await TagsAsync(admin, person.ContactId));
    }

    [Fact]
    public async Task Update_steps_set_a_contact_field_and_a_profile_trait_that_the_next_branch_reads_and_a_past_date_does_not_wait()
    {
        using var admin = app.AdminApi();
        var person = await app.KnownPersonAsync(admin);
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Nurture "),
            trigger = new { type = "segment_entered", segmentId = person.SegmentId },
            start = "stage",
            steps = new object[]
            {
                new { id = "stage", type = "update_field", target = "contact", field = "lifecycle_stage", value = "mql", next = "trait" },
                new { id = "trait", type = "update_field", target = "profile", field = "nurture_level", value = 2, next = "renewal" },
                new { id = "renewal", type = "wait", until = DateTimeOffset.UtcNow.AddDays(-1), next = "check" },
                new { id = "check", type = "branch", condition = new { type = "trait", field = "nurture_level", @operator = "gte", value = "2" }, then = "bad", @else = (string?)null },
                new { id = "bad", type = "update_field", target = "contact", field = "lifecycle_stage", value = "no such stage" },
            },
        });
        await app.EnterAsync(person);

        var stats = await Eventually.UntilAsync(() => admin.StatsAsync(journey.Id()), s => s.GetProperty("completed").GetInt32() == 1, "through", TimeSpan.FromSeconds(30), Ct);
        Assert.Equal((1, 1, 1, 1), (stats.Step("stage").Outcome("updated"), stats.Step("trait").Outcome("updated"), stats.Step("renewal").Outcome("done"), stats.Step("check").Outcome("then")));
        Assert.Equal(1, stats.Step("bad").Outcome("skipped:invalid_value"));
        var (_, contact) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/contacts/{person.ContactId}");
        Assert.Equal("mql", contact.GetProperty("lifecycleStage").GetString());
        var (_, profile) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{person.ProfileId}");
        Assert.Equal(2, profile.GetProperty("traits").GetProperty("nurture_level").GetInt32());
        Assert.Equal("journey", profile.GetProperty("traitSources").GetProperty("nurture_level").GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_wait_until_a_trait_date_holds_the_person_until_that_moment()
    {
        using var admin = app.AdminApi();
        var person = await app.KnownPersonAsync(admin);
        var renewal = DateTimeOffset.UtcNow.AddHours(2);
        using (var sdk = app.Sdk(person.WriteKey))
        {
            await sdk.SendBatchAsync([new { type = "identify", userId = person.User, traits = new { renewal_date = renewal.ToString("O", System.Globalization.CultureInfo.InvariantCulture) } }]);
        }

        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Renewal "),
            trigger = new { type = "segment_entered", segmentId = person.SegmentId },
            start = "renewal",
            steps = new object[] { new { id = "renewal", type = "wait", untilTrait = "renewal_date", next = "tag" }, new { id = "tag", type = "add_tag", tag = $"renewal-{person.Run}" } },
        });
        await app.EnterAsync(person);

        var waiting = await Eventually.UntilAsync(() => admin.PeopleAsync(journey.Id()), p => p.Count == 1 && p[0].GetProperty("waitUntil").ValueKind == JsonValueKind.String,
            "waiting for the renewal", TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(renewal, waiting[0].GetProperty("waitUntil").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        await JourneyClock.EndWaitsAsync(app.Factory.ConnectionString, journey.Id());
        await Eventually.UntilAsync(() => admin.StatsAsync(journey.Id()), s => s.GetProperty("completed").GetInt32() == 1, "on after the renewal", TimeSpan.FromSeconds(30), Ct);
        Assert.Equal([$"renewal-{person.Run}"], await TagsAsync(admin, person.ContactId));
    }

    [Fact]
    public async Task A_webhook_step_sends_the_person_signed_to_the_destination()
    {
        using var admin = app.AdminApi();
        var person = await app.KnownPersonAsync(admin);
        var endpoint = $"journey-{person.Run}";
        var (destination, secret) = await admin.CreateDestinationAsync(new { name = CrmApi.Unique("Journey hook "), type = "webhook", url = app.Receiver.Url(endpoint), includePii = true });
        app.Receiver.Trust(endpoint, secret);
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Hooked "),
            trigger = new { type = "segment_entered", segmentId = person.SegmentId },
            start = "hook",
            steps = new object[] { new { id = "hook", type = "webhook", destinationId = destination.Id() } },
        });
        await app.EnterAsync(person);

        var stats = await Eventually.UntilAsync(() => admin.StatsAsync(journey.Id()), s => s.GetProperty("completed").GetInt32() == 1, "through", TimeSpan.FromSeconds(30), Ct);
        Assert.True(stats.Step("hook").Outcome("sent") == 1, stats.ToString());
        var received = await Eventually.UntilAsync(() => Task.FromResult(app.Receiver.At(endpoint)), r => r.Count == 1, "the webhook", TimeSpan.FromSeconds(30), Ct);
        Assert.True(received[0].Verified);
        var body = received[0].Json;
        Assert.Equal("journey.step", body.GetProperty("type").GetString());
        Assert.Equal((journey.Id(), "hook"), (body.GetProperty("journey").GetProperty("id").GetString(), body.GetProperty("journey").GetProperty("stepId").GetString()));
        Assert.Equal((person.ProfileId, person.User), (body.GetProperty("profile").GetProperty("id").GetString(), body.GetProperty("profile").GetProperty("userId").GetString()));
    }

    [Fact]
    public async Task Definitions_of_the_new_triggers_and_steps_that_could_not_run_are_refused_naming_the_field()
    {
        using var admin = app.AdminApi();
        var segment = await admin.CreateSegmentAsync(new { name = CrmApi.Unique("Any "), definition = new { type = "trait", field = "plan", @operator = "exists" } });
        var trigger = new { type = "segment_entered", segmentId = segment.Id() };
        object Journey(object step, object? with = null) => new { name = "Bad", trigger = with ?? trigger, start = "a", steps = new[] { step } };
        foreach (var (body, field, words) in new (object, string, string)[]
        {
            (Journey(new { id = "a", type = "wait", duration = new { amount = 1, unit = "days" }, until = DateTimeOffset.UtcNow }), "steps[0].duration", "exactly one"),
            (Journey(new { id = "a", type = "wait_until_event", @event = "Demo Booked" }), "steps[0].timeout", "'a'"),
            (Journey(new { id = "a", type = "wait_until_event", @event = "Demo Booked", timeout = new { amount = 1, unit = "days" }, onTimeout = "nowhere" }), "steps[0].onTimeout", "'nowhere'"),
            (Journey(new { id = "a", type = "update_field", target = "company", field = "name", value = "x" }), "steps[0].target", "contact"),
            (Journey(new { id = "a", type = "update_field", target = "contact", field = "shoe_size", value = "x" }), "steps[0].field", "custom."),
            (Journey(new { id = "a", type = "webhook", destinationId = Guid.NewGuid() }), "steps[0].destinationId", "'a'"),
            (Journey(new { id = "a", type = "create_task", title = "x", assignTo = new { mode = "round_robin", teamId = Guid.NewGuid() } }), "steps[0].assignTo.teamId", "team"),
            (Journey(new { id = "a", type = "exit" }, new { type = "crm", change = "deal.teleported" }), "trigger.change", "deal.won"),
            (Journey(new { id = "a", type = "exit" }, new { type = "schedule", segmentId = segment.Id() }), "trigger.at", "time"),
            (Journey(new { id = "a", type = "exit" }, new { type = "schedule", segmentId = segment.Id(), at = DateTimeOffset.UtcNow, repeat = "hourly" }), "trigger.repeat", "daily"),
        })
        {
            var (response, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/journeys", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {response.StatusCode} {problem}");
            var errors = problem.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"no error under {field}: {errors}");
            Assert.Contains(words, messages[0].GetString());
        }
    }

    [Fact]
    public async Task A_round_robin_task_goes_to_the_team_members_in_turn_skipping_the_one_away()
    {
        using var admin = app.AdminApi();
        var person = await app.KnownPersonAsync(admin);
        var second = await app.KnownPersonAsync(admin, run: person.Run, segmentId: person.SegmentId);
        var reps = new[] { await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep), await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep), await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep) };
        var away = reps.OrderBy(r => r.Id).ElementAt(1);
        await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/users/{away.Id}", new { displayName = away.Email, roles = new[] { BuiltInRoles.SalesRep }, away = true });
        var team = await app.CreateTeamAsync(CrmApi.Unique("Inside sales "), null, [.. reps.Select(r => r.Id)]);
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Hand-off "),
            trigger = new { type = "segment_entered", segmentId = person.SegmentId },
            start = "call",
            steps = new object[] { new { id = "call", type = "create_task", title = "Call {name}", assignTo = new { mode = "round_robin", teamId = team } } },
        });
        await app.EnterAsync(person);
        await app.EnterAsync(second);

        await Eventually.UntilAsync(() => admin.StatsAsync(journey.Id()), s => s.GetProperty("completed").GetInt32() == 2, "both handed off", TimeSpan.FromSeconds(30), Ct);
        var owners = new List<Guid>();
        foreach (var contactId in new[] { person.ContactId, second.ContactId })
        {
            var (_, tasks) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/tasks?contactId={contactId}");
            owners.Add(Guid.Parse(tasks.GetProperty("items").EnumerateArray().Single().GetProperty("ownerId").GetString()!));
        }

        Assert.Equal(reps.Where(r => r.Id != away.Id).Select(r => r.Id).Order(), owners.Order());
    }

    [Fact]
    public async Task A_person_whose_step_fails_is_tried_again_alone_while_the_rest_of_the_batch_goes_on()
    {
        using var admin = app.AdminApi();
        var good = await app.KnownPersonAsync(admin);
        var bad = await app.KnownPersonAsync(admin, run: good.Run, segmentId: good.SegmentId);
        var tag = $"batch-{good.Run}";
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Batch "),
            trigger = new { type = "segment_entered", segmentId = good.SegmentId },
            start = "tag",
            steps = new object[] { new { id = "tag", type = "add_tag", tag } },
        });
        var live = new LiveJourney(Guid.Parse(journey.Id()), 1, JourneyDefinition.Parse(journey.GetProperty("definition").GetRawText()));
        await using (var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            // Both due at once, so one batch takes them; one stands on a step its version does not have, so its step throws.
            var now = DateTimeOffset.UtcNow;
            await JourneyBulkEnrolment.EnrolAsync(db, live, [Guid.Parse(good.ProfileId)], "test:", now, Ct);
            await JourneyBulkEnrolment.EnrolAsync(db, live with { Definition = live.Definition with { Start = "gone" } }, [Guid.Parse(bad.ProfileId)], "test:", now, Ct);
            await transaction.CommitAsync(Ct);
        }

        app.Factory.Services.GetRequiredService<JourneyWakeUp>().Wake();
        var people = await Eventually.UntilAsync(() => admin.PeopleAsync(journey.Id()),
            p => p.Count == 2 && p.Any(x => x.GetProperty("status").GetString() == "completed") && p.Any(x => x.GetProperty("lastError").ValueKind == JsonValueKind.String),
            "one through, one failed", TimeSpan.FromSeconds(30), Ct);
        var failed = people.Single(x => x.GetProperty("profileId").GetString() == bad.ProfileId);
        Assert.Equal(("active", 1), (failed.GetProperty("status").GetString(), failed.GetProperty("errors").GetInt32()));
        Assert.Contains("'gone'", failed.GetProperty("lastError").GetString());
        Assert.Equal([tag], await TagsAsync(admin, good.ContactId));
        Assert.Empty(await TagsAsync(admin, bad.ContactId));
    }

    private static async Task<List<string?>> TagsAsync(HttpClient admin, string contactId)
    {
        var (_, contact) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/contacts/{contactId}");
        return [.. contact.GetProperty("tags").EnumerateArray().Select(t => t.GetString())];
    }
}
