using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

[Collection(SharedAppGroup.Name)]
public sealed class IdentityResolutionTests(SharedApp app)
{
    private static async Task<JsonElement> EventuallyAsync(Func<Task<(bool Done, JsonElement Value)>> probe) =>
        (await Eventually.UntilAsync(probe, answer => answer.Done, "resolution", cancellationToken: TestContext.Current.CancellationToken)).Value;

    private static Task<JsonElement> ProfileWithEventsAsync(HttpClient api, string type, string value, long events) =>
        api.ProfileWithEventsAsync(type, value, events, TestContext.Current.CancellationToken);

    private static async Task SendAsync(HttpClient sdk, params object[] events)
    {
        using var response = await sdk.PostAsJsonAsync("/v1/batch", new { batch = events }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_journey_across_two_devices_resolves_to_one_profile_and_a_second_user_on_the_same_device_stays_apart()
    {
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        using var admin = app.AdminApi();
        var (laptop, phone, user, email) = (CrmApi.Unique("anon-laptop-"), CrmApi.Unique("anon-phone-"), CrmApi.Unique("user-"), $"{CrmApi.Unique("ada")}@example.com");
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);
        await SendAsync(sdk,
            new { type = "page", anonymousId = laptop, name = "Home", timestamp = t0 },
            new { type = "page", anonymousId = laptop, name = "Pricing", timestamp = t0.AddMinutes(1) },
            new { type = "identify", anonymousId = laptop, userId = user, traits = new { email = email.ToUpperInvariant(), plan = "trial" }, timestamp = t0.AddMinutes(2) },
            new { type = "track", userId = user, @event = "Order Completed", properties = new { total = 42 }, timestamp = t0.AddMinutes(3) });
        await SendAsync(sdk,
            new { type = "page", anonymousId = phone, name = "Home", timestamp = t0.AddMinutes(10) },
            new { type = "identify", anonymousId = phone, userId = user, traits = new { plan = "pro" }, timestamp = t0.AddMinutes(11) });

        var profile = await ProfileWithEventsAsync(admin, "user_id", user, 6);
        var id = profile.Id();
        foreach (var (type, value) in new[] { ("anonymous_id", laptop), ("anonymous_id", phone), ("email", email) })
        {
            var (_, same) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/lookup?type={type}&value={Uri.EscapeDataString(value)}");
            Assert.Equal(id, same.Id());
        }

        Assert.Equal("pro", profile.GetProperty("traits").GetProperty("plan").GetString());
        Assert.Equal(email.ToUpperInvariant(), profile.GetProperty("traits").GetProperty("email").GetString());
        Assert.Equal(["user_id", "email", "anonymous_id", "anonymous_id"], profile.GetProperty("identifiers").EnumerateArray().Select(i => i.GetProperty("type").GetString()));
        var (_, history) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{profile.Id()}/traits/history");
        Assert.Equal(["pro", "trial"], history.EnumerateArray().Where(h => h.GetProperty("name").GetString() == "plan").Select(h => h.GetProperty("value").GetString()));

        // Only the events: segments of other tests may take the profile in meanwhile, and those entries are on the timeline too.
        const string eventTypes = "identify,track,page";
        var (_, events) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{id}/events?limit=4&types={eventTypes}");
        var first = events.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["identify", "page", "track", "identify"], first.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(42, first[2].GetProperty("properties").GetProperty("total").GetInt32());
        var (_, rest) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{id}/events?limit=4&types={eventTypes}&cursor={Uri.EscapeDataString(events.GetProperty("nextCursor").GetString()!)}");
        Assert.Equal(["page", "page"], rest.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextCursor").ValueKind);

        var (_, merges) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{id}/merges");
        var merge = Assert.Single(merges.EnumerateArray());
        Assert.Equal(phone, merge.GetProperty("viaValue").GetString());
        Assert.Equal(user, merge.GetProperty("anchorValue").GetString());
        Assert.Contains("at most one user_id", merge.GetProperty("rule").GetString(), StringComparison.Ordinal);
        var (_, redirected) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{merge.GetProperty("mergedId").GetString()}");
        Assert.Equal(id, redirected.Id());
        Assert.Equal(merge.GetProperty("mergedId").GetString(), redirected.GetProperty("requestedId").GetString());

        var other = CrmApi.Unique("user-other-");
        await SendAsync(sdk, new { type = "identify", anonymousId = laptop, userId = other, traits = new { plan = "free" } });
        var second = await ProfileWithEventsAsync(admin, "user_id", other, 1);
        Assert.NotEqual(id, second.Id());
        var (_, stillFirst) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/lookup?type=anonymous_id&value={laptop}");
        Assert.Equal(id, stillFirst.Id());
    }

    [Fact]
    public async Task A_data_steward_splits_a_bad_merge_and_the_events_follow_their_identifiers()
    {
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        using var admin = app.AdminApi();
        var (tablet, dad, kid) = (CrmApi.Unique("tablet-"), $"{CrmApi.Unique("dad")}@example.com", $"{CrmApi.Unique("kid")}@example.com");
        await SendAsync(sdk,
            new { type = "identify", anonymousId = tablet, traits = new { email = dad } },
            new { type = "track", anonymousId = tablet, @event = "Viewed", context = new { traits = new { email = kid } } },
            new { type = "track", anonymousId = CrmApi.Unique("kid-phone-"), @event = "Played", context = new { traits = new { email = kid } } });
        var merged = await ProfileWithEventsAsync(admin, "email", dad, 3);
        Assert.Equal(merged.Id(), (await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/lookup?type=email&value={kid}")).Body.Id());

        var kidPhone = merged.GetProperty("identifiers").EnumerateArray().Select(i => (Type: i.GetProperty("type").GetString()!, Value: i.GetProperty("value").GetString()!))
            .Single(i => i.Value.StartsWith("kid-phone-", StringComparison.Ordinal));
        var (refused, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/profiles/{merged.Id()}/split", new { identifiers = new[] { new { type = "email", value = "nobody@example.com" } } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("identifiers", out _));

        var (split, result) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/profiles/{merged.Id()}/split", new
        {
            identifiers = new[] { new { type = "email", value = kid }, new { type = kidPhone.Type, value = kidPhone.Value } },
        });
        Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        Assert.Equal(2, result.GetProperty("kept").GetProperty("eventCount").GetInt64());
        Assert.Equal(1, result.GetProperty("split").GetProperty("eventCount").GetInt64());
        var kidProfile = result.GetProperty("split").Id();
        Assert.Equal(kidProfile, (await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/lookup?type=email&value={kid}")).Body.Id());
        var (_, kidEvents) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{kidProfile}/events?types=identify,track,page");
        Assert.Equal(["Played"], kidEvents.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("event").GetString()));
        var (_, log) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{merged.Id()}/merges");
        Assert.Equal("split", log[0].GetProperty("kind").GetString());
        var (_, audit) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/audit?action=cdp.profile.split&recordId={merged.Id()}");
        Assert.Single(audit.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Lookups_validate_their_input_and_mask_personal_identifiers_without_view_pii()
    {
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        using var admin = app.AdminApi();
        var (user, email) = (CrmApi.Unique("masked-"), $"{CrmApi.Unique("grace")}@example.com");
        await SendAsync(sdk, new { type = "identify", userId = user, traits = new { email, name = "Grace Hopper", plan = "pro" } });
        await ProfileWithEventsAsync(admin, "user_id", user, 1);

        var (missing, problem) = await CrmApi.SendAsync(admin, HttpMethod.Get, "/api/v1/profiles/lookup?value=x");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("type", out _));
        var (unknown, _) = await CrmApi.SendAsync(admin, HttpMethod.Get, "/api/v1/profiles/lookup?type=user_id&value=nobody-at-all");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var (badCursor, _) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{Guid.NewGuid()}/events?cursor=%%%");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        var (badTypes, typesProblem) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{Guid.NewGuid()}/events?types=track,clicks");
        Assert.Equal(HttpStatusCode.BadRequest, badTypes.StatusCode);
        Assert.Contains("clicks", typesProblem.GetProperty("errors").GetProperty("types")[0].GetString(), StringComparison.Ordinal);

        var (_, _, marketer) = await app.CreateUserWithApiAsync(BuiltInRoles.Marketer);
        using (marketer)
        {
            var (_, masked) = await CrmApi.SendAsync(marketer, HttpMethod.Get, $"/api/v1/profiles/lookup?type=email&value={email}");
            var text = masked.ToString();
            Assert.DoesNotContain(email, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Grace Hopper", text, StringComparison.Ordinal);
            Assert.Equal("pro", masked.GetProperty("traits").GetProperty("plan").GetString());
        }

        var (_, _, rep) = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        using (rep)
        {
            var (forbidden, _) = await CrmApi.SendAsync(rep, HttpMethod.Get, $"/api/v1/profiles/lookup?type=user_id&value={user}");
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }
    }

    [Fact]
    public async Task Identity_rules_are_validated_audited_and_a_blocked_value_stops_matching()
    {
        using var admin = app.AdminApi();
        var (_, current) = await CrmApi.SendAsync(admin, HttpMethod.Get, "/api/v1/identity/rules");
        Assert.Equal(1, current.GetProperty("limits").GetProperty("user_id").GetInt32());

        var (refused, problem) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/identity/rules", new
        {
            priority = new[] { "email", "email" },
            limits = new Dictionary<string, int> { ["email"] = 0 },
            blockedPatterns = new[] { "([" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        foreach (var field in new[] { "priority", "limits.email", "blockedPatterns[0]" })
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), field);
        }

        // Found by the fuzzer: a null among the blocked values or patterns is a 400 naming the field, not a 500.
        var (nulls, nullProblem) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/identity/rules", new
        {
            priority = new[] { "user_id", "email", "anonymous_id" },
            blockedValues = new[] { "guest", null },
            blockedPatterns = new string?[] { null },
        });
        Assert.Equal(HttpStatusCode.BadRequest, nulls.StatusCode);
        Assert.True(nullProblem.GetProperty("errors").TryGetProperty("blockedValues", out _));
        Assert.True(nullProblem.GetProperty("errors").TryGetProperty("blockedPatterns[0]", out _));

        var shared = CrmApi.Unique("qa-device-");
        var (saved, _) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/identity/rules", new
        {
            priority = new[] { "user_id", "email", "phone", "anonymous_id" },
            limits = new Dictionary<string, int> { ["user_id"] = 1, ["email"] = 5 },
            blockedValues = IdentityRulesDefaults.Concat([shared]).ToArray(),
            blockedPatterns = Array.Empty<string>(),
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var (tester1, tester2) = (CrmApi.Unique("tester-"), CrmApi.Unique("tester-"));
        try
        {
            await SendAsync(sdk, new { type = "track", anonymousId = shared, @event = "QA run" },
                new { type = "identify", anonymousId = shared, traits = new { email = $"{tester1}@example.com" } },
                new { type = "identify", anonymousId = shared, traits = new { email = $"{tester2}@example.com" } });
            var first = await ProfileWithEventsAsync(admin, "email", $"{tester1}@example.com", 1);
            var second = await ProfileWithEventsAsync(admin, "email", $"{tester2}@example.com", 1);
            Assert.NotEqual(first.Id(), second.Id());
            var (notIndexed, _) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/lookup?type=anonymous_id&value={shared}");
            Assert.Equal(HttpStatusCode.NotFound, notIndexed.StatusCode);
        }
        finally
        {
            await RestoreDefaultRulesAsync(admin);
        }

        var (_, audit) = await CrmApi.SendAsync(admin, HttpMethod.Get, "/api/v1/audit?action=cdp.identity_rules.changed");
        Assert.True(audit.GetProperty("items").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task Blocking_a_user_id_later_takes_its_events_and_rollups_off_the_profile_and_unblocking_brings_them_back()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = app.AdminApi();
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var user = CrmApi.Unique("later-blocked-");
        await SendAsync(sdk, new { type = "track", userId = user, @event = "Late Block" }, new { type = "track", userId = user, @event = "Late Block" });
        var profile = await ProfileWithEventsAsync(admin, "user_id", user, 2);
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(ct);
        async Task<(long Owned, long Counted)> StoredAsync()
        {
            await using var command = new NpgsqlCommand("""
                SELECT (SELECT count(*) FROM cdp_event_profiles o JOIN cdp_events e ON e.id = o.event_id WHERE e.user_id = @user AND o.profile_id = @profile),
                       (SELECT coalesce(sum(count), 0) FROM cdp_profile_event_days WHERE profile_id = @profile AND name = 'Late Block')
                """, connection);
            command.Parameters.AddWithValue("user", user);
            command.Parameters.AddWithValue("profile", Guid.Parse(profile.Id()));
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return (reader.GetInt64(0), reader.GetInt64(1));
        }

        Assert.Equal((2L, 2L), await StoredAsync());
        try
        {
            var (saved, _) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/identity/rules", new
            {
                priority = new[] { "user_id", "email", "phone", "anonymous_id" },
                limits = new Dictionary<string, int> { ["user_id"] = 1, ["email"] = 5 },
                blockedValues = IdentityRulesDefaults.Concat([user]).ToArray(),
            });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            // A blocked user id with no anonymous id gives its events no profile: they and their day's count leave it.
            await Eventually.UntilAsync(StoredAsync, stored => stored == (0, 0), "the blocked user id's events leaving the profile", cancellationToken: ct);
        }
        finally
        {
            await RestoreDefaultRulesAsync(admin);
        }

        await Eventually.UntilAsync(StoredAsync, stored => stored == (2, 2), "the unblocked user id's events coming back", cancellationToken: ct);
    }

    private static async Task RestoreDefaultRulesAsync(HttpClient admin)
    {
        var (restored, _) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/identity/rules", new
        {
            priority = new[] { "user_id", "email", "phone", "anonymous_id" },
            limits = new Dictionary<string, int> { ["user_id"] = 1, ["email"] = 5 },
        });
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }

    private static readonly string[] IdentityRulesDefaults = ["null", "undefined", "0", "-1", "anonymous", "guest", "[object Object]"];
}
