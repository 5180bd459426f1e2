using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class ProfileExplorerTests(BrowserApp app)
{
    [Fact]
    public async Task A_data_steward_finds_a_merged_profile_by_email_reads_its_story_and_splits_a_device_off()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (laptop, phone, user, email) = ($"anon-laptop-{suffix}", $"anon-phone-{suffix}", $"user-{suffix}", $"ada-{suffix}@example.com");
        var key = await app.CreateSourceKeyAsync($"Web {suffix}");
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);
        await app.SendBatchAsync(key,
            new { type = "page", anonymousId = laptop, name = "Home", timestamp = t0 },
            new { type = "page", anonymousId = laptop, name = "Pricing", timestamp = t0.AddMinutes(1) },
            new { type = "identify", anonymousId = laptop, userId = user, traits = new { email, plan = "trial" }, timestamp = t0.AddMinutes(2) },
            new { type = "track", userId = user, @event = "Order Completed", properties = new { total = 42 }, timestamp = t0.AddMinutes(3) });
        await app.SendBatchAsync(key, new { type = "page", anonymousId = phone, name = "Mobile Home", timestamp = t0.AddMinutes(10) });
        await app.ProfileWhenAsync("anonymous_id", phone, p => p.GetProperty("eventCount").GetInt64() == 1);
        await app.SendBatchAsync(key, new { type = "identify", anonymousId = phone, userId = user, traits = new { plan = "pro" }, timestamp = t0.AddMinutes(11) });
        var profile = await app.ProfileWhenAsync("user_id", user, p => p.GetProperty("eventCount").GetInt64() == 6);
        var profileId = profile.GetProperty("id").GetString()!;
        using var admin = app.AdminApi();
        var merges = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/profiles/{profileId}/merges", TestContext.Current.CancellationToken);
        var mergedAway = Assert.Single(merges.EnumerateArray()).GetProperty("mergedId").GetString()!;

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.GetByTestId("nav-profiles").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profiles-table")).ToBeVisibleAsync();
        await page.GetByTestId("search-text").FillAsync($"no-such-{suffix}");
        await page.GetByTestId("search").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profiles-no-match")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "profiles-no-match");

        await page.GetByTestId("search-text").FillAsync(email.ToUpperInvariant());
        await page.GetByTestId("search").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("profile-row")).ToContainTextAsync(user);
        await Screenshots.SaveAsync(page, "profiles-found-by-email");

        await page.GetByTestId("search-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "user_id", Exact = true }).ClickAsync();
        // The choice has reached the circuit once the search box asks for an exact value; a search sent before it searched everything.
        await Assertions.Expect(page.Locator("label").Filter(new() { HasText = "Exact identifier value" })).ToBeVisibleAsync();
        await page.GetByTestId("search-text").FillAsync(user);
        await page.GetByTestId("search").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profiles-caption")).ToContainTextAsync($"user_id: {user}");
        await Assertions.Expect(page.GetByTestId("profile-row")).ToHaveCountAsync(1);
        await page.GetByTestId("profile-link").ClickAsync();

        await Assertions.Expect(page.GetByTestId("profile-id")).ToHaveTextAsync(profileId);
        var identifiers = page.GetByTestId("identifier-row");
        await Assertions.Expect(identifiers).ToHaveCountAsync(4);
        foreach (var value in new[] { user, email, laptop, phone })
        {
            await Assertions.Expect(page.GetByTestId("profile-identifiers")).ToContainTextAsync(value);
        }

        await Assertions.Expect(page.GetByTestId("trait-row").Filter(new() { HasText = "plan" })).ToContainTextAsync("pro");
        await page.GetByTestId("trait-row").Filter(new() { HasText = "plan" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("trait-history")).ToContainTextAsync("pro");
        await Assertions.Expect(page.GetByTestId("trait-history")).ToContainTextAsync("trial");
        await Assertions.Expect(page.GetByTestId("event-name")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("event-name").First).ToHaveTextAsync("—");
        await Assertions.Expect(page.GetByTestId("merge-row")).ToContainTextAsync(phone);
        await Screenshots.SaveAsync(page, "profile-merged");

        await page.GetByTestId("event-type-filter").Filter(new() { HasText = "page" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("event-name")).ToHaveCountAsync(3);
        await page.GetByTestId("event-filter").FillAsync("pricing");
        await Assertions.Expect(page.GetByTestId("event-name")).ToHaveTextAsync(["Pricing"]);
        await page.GetByTestId("event-name").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("event-detail")).ToContainTextAsync("context");

        await page.GetByTestId("split").ClickAsync();
        await page.GetByTestId("split-identifier").Filter(new() { HasText = phone }).Locator("input").CheckAsync();
        await page.GetByTestId("split-continue").ClickAsync();
        await Assertions.Expect(page.GetByTestId("split-confirm-text")).ToContainTextAsync("Move 1 identifier(s)");
        await Screenshots.SaveAsync(page, "profile-split-confirm");
        await page.GetByTestId("split-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("split-result")).ToContainTextAsync("1 identifier(s) and 1 event(s) moved");
        await Assertions.Expect(identifiers).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("profile-event-count")).ToHaveTextAsync("5");
        await Assertions.Expect(page.GetByTestId("merge-row").Filter(new() { HasText = "split" })).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "profile-after-split");

        await page.GetByTestId("split-new-profile").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-id")).Not.ToHaveTextAsync(profileId);
        await Assertions.Expect(identifiers).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("profile-identifiers")).ToContainTextAsync(phone);
        await Assertions.Expect(page.GetByTestId("event-name")).ToHaveTextAsync(["Mobile Home"]);
        await Screenshots.SaveAsync(page, "profile-split-off");

        await page.GotoAsync($"/cdp/profiles/{mergedAway}");
        // A full page load is prerendered first: the create-contact button answers once the circuit is up.
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.GetByTestId("merged-notice")).ToContainTextAsync(profileId);
        await Assertions.Expect(page.GetByTestId("profile-id")).ToHaveTextAsync(profileId);
        await Screenshots.SaveAsync(page, "profile-merged-away-notice");

        await page.GetByTestId("create-contact").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-contact")).ToBeVisibleAsync();
        await page.GetByTestId("profile-contact").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cdp-profile-panel")).ToContainTextAsync("events");
        await Assertions.Expect(page.GetByTestId("profile-recent")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "contact-with-profile-panel");
        Assert.Empty(app.ConsoleErrorsOf(page));
    }
}
