using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class SegmentBuilderTests(BrowserApp app)
{
    [Fact]
    public async Task A_marketer_builds_a_segment_visually_sees_the_count_fixes_an_error_and_sees_its_members()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (plan, user, other) = ($"ui-plan-{suffix}", $"seg-user-{suffix}", $"seg-other-{suffix}");
        var email = $"seg-{suffix}@example.com";
        var key = await app.CreateSourceKeyAsync($"Segments {suffix}");
        using (var api = app.AdminApi())
        {
            using var created = await api.PostAsJsonAsync("/api/v1/contacts", new { firstName = "Sia", lastName = $"Segment{suffix}", email }, TestContext.Current.CancellationToken);
            created.EnsureSuccessStatusCode();
        }

        var t0 = DateTimeOffset.UtcNow.AddHours(-2);
        await app.SendBatchAsync(key,
            new { type = "identify", userId = user, traits = new { plan, email }, timestamp = t0 },
            new { type = "track", userId = user, @event = "Pricing Viewed", properties = new { tier = "pro" }, timestamp = t0.AddMinutes(1) },
            new { type = "identify", userId = other, traits = new { plan }, timestamp = t0 });
        await app.ProfileWhenAsync("user_id", user, p => p.GetProperty("eventCount").GetInt64() == 2 && p.GetProperty("contactId").ValueKind == JsonValueKind.String);
        await app.ProfileWhenAsync("user_id", other, p => p.GetProperty("eventCount").GetInt64() == 1);

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, await app.CreateUserAsync(BuiltInRoles.Marketer), AppFixture.TestPassword);
        await page.GetByTestId("nav-segments").ClickAsync();
        await page.GetByTestId("new-segment").ClickAsync();
        await page.GetByTestId("segment-name").FillAsync($"Pricing lookers {suffix}");
        await Assertions.Expect(page.Locator("#segment-trait-keys option[value='plan']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("leaf-field")).ToHaveAttributeAsync("list", "segment-trait-keys");
        await page.GetByTestId("leaf-field").FillAsync("plan");
        await page.GetByTestId("save-segment").ClickAsync();
        await Assertions.Expect(page.GetByText("Give a value to compare with", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("segment-message")).ToContainTextAsync("not saved");
        await Screenshots.SaveAsync(page, "segment-builder-invalid");

        await page.GetByTestId("leaf-value").FillAsync(plan);
        await page.GetByTestId("leaf-value").BlurAsync();
        await Assertions.Expect(page.GetByTestId("preview-count")).ToHaveTextAsync("2", new() { Timeout = 15_000 });

        await page.GetByTestId("add-condition").ClickAsync();
        await page.GetByTestId("add-event").ClickAsync();
        // The new, still empty row is left out of the count rather than blocking it.
        await Assertions.Expect(page.GetByTestId("preview-count")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#segment-event-names option[value='Pricing Viewed']")).ToHaveCountAsync(1);
        await page.GetByTestId("leaf-event").FillAsync("Pricing Viewed");
        await page.GetByTestId("leaf-event").BlurAsync();
        await Assertions.Expect(page.GetByTestId("preview-count")).ToHaveTextAsync("1", new() { Timeout = 15_000 });
        await page.GetByTestId("add-property-filter").ClickAsync();
        await page.GetByTestId("filter-field").FillAsync("tier");
        await page.GetByTestId("filter-value").FillAsync("team");
        await page.GetByTestId("filter-value").BlurAsync();
        await Assertions.Expect(page.GetByTestId("preview-count")).ToHaveTextAsync("0", new() { Timeout = 15_000 });
        await page.GetByTestId("filter-value").FillAsync("PRO");
        await page.GetByTestId("filter-value").BlurAsync();
        await Assertions.Expect(page.GetByTestId("preview-count")).ToHaveTextAsync("1", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("segment-summary")).ToHaveTextAsync(
            $"People whose plan is {plan} and who did “Pricing Viewed” where tier is PRO in the last 30 days");
        await Screenshots.SaveAsync(page, "segment-builder-preview");

        await page.GetByTestId("negate").Last.ClickAsync();
        await Assertions.Expect(page.GetByTestId("condition-not")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("preview-count")).ToHaveTextAsync("1", new() { Timeout = 15_000 });
        await page.GetByTestId("remove-not").ClickAsync();
        await Assertions.Expect(page.GetByTestId("condition-not")).ToHaveCountAsync(0);

        await page.GetByTestId("save-segment").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cdp/segments/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByTestId("segment-member-row")).ToHaveCountAsync(1, new() { Timeout = 45_000 });
        // Members are named by their user id, with the contact (masked for a marketer) beside.
        await Assertions.Expect(page.GetByTestId("segment-member-row")).ToContainTextAsync(user);
        await Assertions.Expect(page.GetByTestId("segment-member-row")).ToContainTextAsync("S***");
        await Assertions.Expect(page.GetByTestId("segment-no-changes")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("export-segment")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "segment-saved-members");

        var id = page.Url[^36..];
        var segmentPage = page.Url;
        // Computed traits follow the minute job; run it now rather than wait for the minute.
        await app.Factory.Services.GetRequiredService<SegmentRefreshJob>().RunNowAsync(TestContext.Current.CancellationToken);
        await page.GetByTestId("segment-member-row").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-segment-row")).ToContainTextAsync($"Pricing lookers {suffix}");
        await Assertions.Expect(page.GetByTestId("profile-computed-row").Filter(new() { HasText = "intent_score" })).ToContainTextAsync("10");
        await Screenshots.SaveAsync(page, "segment-on-profile");
        await page.GetByTestId("profile-contact").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-segments")).ToContainTextAsync($"Pricing lookers {suffix}");
        await Assertions.Expect(page.GetByTestId("profile-intent")).ToContainTextAsync("10");
        await Screenshots.SaveAsync(page, "segment-on-contact-360");
        await page.GotoAsync(segmentPage);
        // A full page load is prerendered first: buttons answer once the circuit is up.
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        using var admin = app.AdminApi();
        var saved = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/segments/{id}", TestContext.Current.CancellationToken);
        var conditions = saved.GetProperty("definition").GetProperty("conditions").EnumerateArray().ToList();
        Assert.Equal("and", saved.GetProperty("definition").GetProperty("type").GetString());
        Assert.Equal(["trait", "event"], conditions.Select(c => c.GetProperty("type").GetString()));
        Assert.Equal(30, conditions[1].GetProperty("withinDays").GetInt32());

        // A second person does what the segment waits for: they appear on the open page within seconds, without a reload.
        await app.SendBatchAsync(key, new { type = "track", userId = other, @event = "Pricing Viewed", properties = new { tier = "pro" } });
        await Assertions.Expect(page.GetByTestId("segment-member-row")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("segment-member-row").First).ToContainTextAsync(other);
        await Screenshots.SaveAsync(page, "segment-member-arrives-live");

        await page.GetByTestId("delete-segment").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cdp/segments$"));
        using var gone = await admin.GetAsync($"/api/v1/segments/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(app.ConsoleErrorsOf(page));
    }
}
