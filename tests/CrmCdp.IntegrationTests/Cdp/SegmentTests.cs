using System.Net;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

[Collection(SharedAppGroup.Name)]
public sealed class SegmentTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_segment_of_traits_and_recent_events_finds_its_members_and_shows_them_on_the_profile_and_the_contacts_360_panel()
    {
        using var admin = app.AdminApi();
        var plan = CrmApi.Unique("plan-");
        var email = $"{CrmApi.Unique("seg")}@example.com";
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = "Sam", lastName = "Segment", email });
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var hot = CrmApi.Unique("hot-");
        var cold = CrmApi.Unique("cold-");
        await SendAsync(sdk,
            new { type = "identify", userId = hot, traits = new { email, plan, seats = 12 } },
            new { type = "track", userId = hot, @event = "Pricing Viewed" },
            new { type = "track", userId = hot, @event = "Pricing Viewed" },
            new { type = "track", userId = hot, @event = "Pricing Viewed" },
            new { type = "page", userId = hot, name = "Home" },
            new { type = "identify", userId = cold, traits = new { plan, seats = 3 } },
            new { type = "track", userId = cold, @event = "Pricing Viewed" });
        var hotProfile = await ProfileAsync(admin, hot, p => p.GetProperty("eventCount").GetInt64() == 5 && p.GetProperty("contactId").ValueKind == JsonValueKind.String);
        await ProfileAsync(admin, cold, p => p.GetProperty("eventCount").GetInt64() == 2);

        var segment = await CreateSegmentAsync(admin, new
        {
            name = CrmApi.Unique("Hot pricing "),
            definition = SegmentCondition.All(
                SegmentCondition.Trait("plan", "equals", plan.ToUpperInvariant()),
                SegmentCondition.Trait("seats", "gte", "10"),
                SegmentCondition.Performed("Pricing Viewed", "at_least", 3, 7)),
        });
        var (previewed, preview) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/segments/preview", new { definition = segment.GetProperty("definition") });
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        Assert.Equal(1, preview.GetProperty("count").GetInt64());
        Assert.Equal(hotProfile.Id(), preview.GetProperty("sample")[0].GetString());

        await RefreshAsync();
        var (_, members) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/segments/{segment.Id()}/members");
        Assert.Equal([hotProfile.Id()], members.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("profileId").GetString()));
        await admin.AssertSegmentEntryOnTimelineAsync(hotProfile.Id(), segment);
        var (_, refreshed) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/segments/{segment.Id()}");
        Assert.Equal(1, refreshed.GetProperty("memberCount").GetInt64());

        var (_, profile) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{hotProfile.Id()}");
        Assert.Contains(profile.GetProperty("segments").EnumerateArray(), s => s.Id() == segment.Id());
        Assert.Equal(31m, profile.GetProperty("computedTraits").GetProperty("intent_score").GetDecimal());

        var summary = await app.Factory.Services.GetRequiredService<IContactProfiles>().ForContactAsync(await app.AccessOfAsync(), Guid.Parse(contact.Id()), Ct);
        Assert.NotNull(summary);
        Assert.Contains(segment.GetProperty("name").GetString(), summary.Segments);
        Assert.Equal(31m, summary.IntentScore);

        // The cold user changes plan size: it enters on the next refresh, and the history says so.
        await SendAsync(sdk,
            new { type = "identify", userId = cold, traits = new { seats = 40 } },
            new { type = "track", userId = cold, @event = "Pricing Viewed" },
            new { type = "track", userId = cold, @event = "Pricing Viewed" });
        var coldProfile = await ProfileAsync(admin, cold, p => p.GetProperty("eventCount").GetInt64() == 5);
        await RefreshAsync();
        var (_, after) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/segments/{segment.Id()}/members");
        Assert.Equal(
            new[] { hotProfile.Id(), coldProfile.Id() }.Order(),
            after.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("profileId").GetString()!).Order());
        var (_, stats) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/segments/{segment.Id()}/stats?days=7");
        Assert.Equal(2, stats.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("entered").GetInt64()));
    }

    [Fact]
    public async Task Activation_turns_entries_into_one_crm_task_each_for_consenting_contacts_and_exports_leave_out_the_rest()
    {
        using var admin = app.AdminApi();
        var owner = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var marker = CrmApi.Unique("campaign-");
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var people = new List<(string User, string Email, bool Consents, string ContactId)>();
        foreach (var consents in new[] { true, false })
        {
            var email = $"{CrmApi.Unique("act")}@example.com";
            var contact = await CrmApi.CreateContactAsync(admin, new { firstName = consents ? "Yes" : "No", lastName = "Person", email, ownerId = owner.Id });
            var user = CrmApi.Unique("act-");
            await SendAsync(sdk, new
            {
                type = "identify",
                userId = user,
                traits = new { email, campaign = marker, name = consents ? "Yvonne" : "Nico" },
                context = new { consent = new { categoryPreferences = new { Advertising = consents } } },
            });
            people.Add((user, email, consents, contact.Id()));
        }

        var noContactUser = CrmApi.Unique("act-");
        await SendAsync(sdk, new
        {
            type = "identify",
            userId = noContactUser,
            traits = new { campaign = marker },
            context = new { consent = new { categoryPreferences = new { Advertising = true } } },
        });
        foreach (var person in people)
        {
            await ProfileAsync(admin, person.User, p => p.GetProperty("contactId").ValueKind == JsonValueKind.String);
        }

        await ProfileAsync(admin, noContactUser, _ => true);

        var segment = await CreateSegmentAsync(admin, new
        {
            name = CrmApi.Unique("Campaign "),
            definition = SegmentCondition.Trait("campaign", "equals", marker),
            consentCategory = "advertising",
            activationEnabled = true,
            taskTitle = "Call {name} about {segment}",
            taskDueInDays = 2,
        });
        await RefreshAsync();
        await RefreshAsync();

        var tasks = await TasksOnAsync(people.Select(p => p.ContactId));
        var task = Assert.Single(tasks);
        Assert.Equal(people.Single(p => p.Consents).ContactId, task.ContactId.ToString());
        Assert.Equal(owner.Id, task.OwnerId);
        // {name} is the CRM contact's name, not the profile's name trait: the rep knows the contact.
        Assert.Equal($"Call Yes Person about {segment.GetProperty("name").GetString()}", task.Title);
        Assert.Contains("Entered the segment", task.Notes, StringComparison.Ordinal);

        var (_, stats) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/segments/{segment.Id()}/stats");
        var activations = stats.GetProperty("activations").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(
            new Dictionary<string, long> { [ActivationOutcomes.NoConsent] = 1, [ActivationOutcomes.NoContact] = 1, [ActivationOutcomes.TaskCreated] = 1 },
            activations);

        using var export = await admin.GetAsync($"/api/v1/segments/{segment.Id()}/export", Ct);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var csv = await export.Content.ReadAsStringAsync(Ct);
        Assert.Contains(people.Single(p => p.Consents).Email, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(people.Single(p => !p.Consents).Email, csv, StringComparison.Ordinal);
        Assert.Equal(3, csv.Trim().Split('\n').Length);

        var (_, audit) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/audit?recordId={segment.Id()}&limit=20");
        var actions = audit.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Contains("cdp.segment.created", actions);
        Assert.Contains("cdp.segment.exported", actions);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), a => a.GetProperty("action").GetString() == "cdp.segment.exported"
            && a.GetProperty("summary").GetString()!.Contains("1 left out without advertising consent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_trees_are_refused_with_the_path_of_the_bad_node_and_changes_are_audited()
    {
        using var admin = app.AdminApi();
        var (bad, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/segments", new
        {
            name = "",
            definition = new
            {
                type = "and",
                conditions = new object[]
                {
                    new { type = "trait", field = "plan", @operator = "is" },
                    new { type = "event", @event = "Signed Up", @operator = "at_least", count = 1, withinDays = 999 },
                    new { type = "segment", segmentId = Guid.NewGuid() },
                    new { type = "computed", field = "intent_score", @operator = "gt", value = "lots" },
                },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "definition.conditions[0].operator", "definition.conditions[1].withinDays", "definition.conditions[2].segmentId", "definition.conditions[3].value" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        var first = await CreateSegmentAsync(admin, new { name = CrmApi.Unique("Base "), definition = SegmentCondition.Trait("plan", "exists") });
        var second = await CreateSegmentAsync(admin, new { name = CrmApi.Unique("Derived "), definition = SegmentCondition.InSegment(Guid.Parse(first.Id())) });
        var (cycle, cycleProblem) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/segments/{first.Id()}", new
        {
            name = first.GetProperty("name").GetString(),
            definition = SegmentCondition.InSegment(Guid.Parse(second.Id())),
            version = first.GetProperty("version").GetUInt32(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        Assert.True(cycleProblem.GetProperty("errors").TryGetProperty("definition", out _), cycleProblem.ToString());
        var (inUse, _) = await CrmApi.SendAsync(admin, HttpMethod.Delete, $"/api/v1/segments/{first.Id()}");
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);

        var (updated, _) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/segments/{second.Id()}", new
        {
            name = second.GetProperty("name").GetString(),
            definition = SegmentCondition.Not(SegmentCondition.InSegment(Guid.Parse(first.Id()))),
            activationEnabled = true,
            version = second.GetProperty("version").GetUInt32(),
        });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var (stale, _) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/segments/{second.Id()}", new
        {
            name = second.GetProperty("name").GetString(),
            definition = SegmentCondition.Trait("plan", "exists"),
            version = second.GetProperty("version").GetUInt32(),
        });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var (deleted, _) = await CrmApi.SendAsync(admin, HttpMethod.Delete, $"/api/v1/segments/{second.Id()}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var (_, audit) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/audit?recordId={second.Id()}&limit=20");
        var actions = audit.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["cdp.segment.activation_changed", "cdp.segment.created", "cdp.segment.deleted", "cdp.segment.updated"], actions.Order().ToList());
    }

    [Fact]
    public async Task Roles_without_segment_permissions_get_403_and_the_marketer_may_build_and_export()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var marketer = await app.CreateUserWithApiAsync(BuiltInRoles.Marketer);
        var (repList, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, "/api/v1/segments");
        Assert.Equal(HttpStatusCode.Forbidden, repList.StatusCode);
        var (repCreate, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/segments", new { name = "x", definition = SegmentCondition.Trait("plan", "exists") });
        Assert.Equal(HttpStatusCode.Forbidden, repCreate.StatusCode);

        var segment = await CreateSegmentAsync(marketer.Api, new { name = CrmApi.Unique("Marketer's "), definition = SegmentCondition.Trait("plan", "exists") });
        using var export = await marketer.Api.GetAsync($"/api/v1/segments/{segment.Id()}/export", Ct);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var repExport = await rep.Api.GetAsync($"/api/v1/segments/{segment.Id()}/export", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, repExport.StatusCode);
    }

    [Fact]
    public async Task Building_segments_does_not_include_activating_them_or_defining_computed_traits()
    {
        using var admin = app.AdminApi();
        var role = CrmApi.Unique("SegmentBuilder");
        var (roleCreated, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/roles", new
        {
            name = role,
            permissions = new Dictionary<string, string>
            {
                [Permissions.Cdp.ProfilesRead] = "all",
                [Permissions.Cdp.SegmentsRead] = "all",
                [Permissions.Cdp.SegmentsManage] = "all",
            },
        });
        Assert.Equal(HttpStatusCode.Created, roleCreated.StatusCode);
        var builder = await app.CreateUserWithApiAsync(role);
        var definition = SegmentCondition.Trait("plan", "exists");

        var (activated, problem) = await CrmApi.SendAsync(builder.Api, HttpMethod.Post, "/api/v1/segments", new { name = CrmApi.Unique("Builder's "), definition, activationEnabled = true });
        Assert.Equal(HttpStatusCode.Forbidden, activated.StatusCode);
        Assert.Contains("manage activations", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        var segment = await CreateSegmentAsync(builder.Api, new { name = CrmApi.Unique("Builder's "), definition });
        var version = segment.GetProperty("version").GetUInt32();
        var (turnedOn, _) = await CrmApi.SendAsync(builder.Api, HttpMethod.Put, $"/api/v1/segments/{segment.Id()}",
            new { name = segment.GetProperty("name").GetString(), definition, activationEnabled = true, version });
        Assert.Equal(HttpStatusCode.Forbidden, turnedOn.StatusCode);
        var (renamed, _) = await CrmApi.SendAsync(builder.Api, HttpMethod.Put, $"/api/v1/segments/{segment.Id()}",
            new { name = CrmApi.Unique("Renamed "), definition, version });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var (computed, _) = await CrmApi.SendAsync(builder.Api, HttpMethod.Post, "/api/v1/computed-traits",
            new { key = "builder_score", name = "Builder score", rules = new[] { new { @event = "page", points = 1 } } });
        Assert.Equal(HttpStatusCode.Forbidden, computed.StatusCode);
        var (listed, _) = await CrmApi.SendAsync(builder.Api, HttpMethod.Get, "/api/v1/computed-traits");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }

    [Fact]
    public async Task A_segment_that_cannot_be_computed_does_not_hold_up_the_others()
    {
        using var admin = app.AdminApi();
        var plan = CrmApi.Unique("sturdy-");
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var user = CrmApi.Unique("sturdy-user-");
        await SendAsync(sdk, new { type = "identify", userId = user, traits = new { plan } });
        var profile = await ProfileAsync(admin, user, p => p.GetProperty("eventCount").GetInt64() == 1);
        // Created valid, then broken behind the API's back (as a bad hand edit or an old format would be); created first, so refreshed first.
        var broken = await CreateSegmentAsync(admin, new { name = CrmApi.Unique("!broken "), definition = SegmentCondition.Trait("plan", "exists") });
        var healthy = await CreateSegmentAsync(admin, new { name = CrmApi.Unique("Sturdy "), definition = SegmentCondition.Trait("plan", "equals", plan) });
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var corrupt = new NpgsqlCommand("UPDATE cdp_segments SET definition = '{\"type\":\"regex\"}' WHERE id = @id", connection))
        {
            corrupt.Parameters.AddWithValue("id", Guid.Parse(broken.Id()));
            await corrupt.ExecuteNonQueryAsync(Ct);
        }

        try
        {
            await RefreshAsync();
            var (_, members) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/segments/{healthy.Id()}/members");
            Assert.Equal([profile.Id()], members.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("profileId").GetString()));
        }
        finally
        {
            await using var remove = new NpgsqlCommand("DELETE FROM cdp_segments WHERE id = @id", connection);
            remove.Parameters.AddWithValue("id", Guid.Parse(broken.Id()));
            await remove.ExecuteNonQueryAsync(Ct);
        }
    }

    private async Task RefreshAsync() => await app.Factory.Services.GetRequiredService<SegmentRefreshJob>().RunNowAsync(Ct);

    private static Task<JsonElement> CreateSegmentAsync(HttpClient api, object body) => api.CreateSegmentAsync(body);

    private static Task SendAsync(HttpClient sdk, params object[] batch) => sdk.SendBatchAsync(batch);

    private static Task<JsonElement> ProfileAsync(HttpClient api, string userId, Func<JsonElement, bool> done) =>
        api.ProfileWhenAsync("user_id", userId, done, Ct);

    private async Task<List<(Guid ContactId, Guid? OwnerId, string Title, string Notes)>> TasksOnAsync(IEnumerable<string> contactIds)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT contact_id, owner_id, title, notes FROM crm_tasks WHERE contact_id = ANY(@ids) AND deleted_at IS NULL", connection);
        command.Parameters.AddWithValue("ids", contactIds.Select(Guid.Parse).ToArray());
        var tasks = new List<(Guid, Guid?, string, string)>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            tasks.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2), reader.GetString(3)));
        }

        return tasks;
    }
}
