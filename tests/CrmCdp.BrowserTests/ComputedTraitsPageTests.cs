using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class ComputedTraitsPageTests(BrowserApp app)
{
    [Fact]
    public async Task A_marketer_defines_a_last_value_trait_is_told_what_is_missing_and_every_profile_gets_its_value()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (user, traitKey) = ($"ct-user-{suffix}", $"last_category_{suffix}");
        var source = await app.CreateSourceKeyAsync($"Traits {suffix}");
        var t0 = DateTimeOffset.UtcNow.AddHours(-3);
        await app.SendBatchAsync(source,
            new { type = "track", userId = user, @event = "Order Completed", properties = new { category = "shoes", run = suffix }, timestamp = t0 },
            new { type = "track", userId = user, @event = "Order Completed", properties = new { category = "hats", run = suffix }, timestamp = t0.AddHours(1) });
        await app.ProfileWhenAsync("user_id", user, p => p.GetProperty("eventCount").GetInt64() == 2);

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, await app.CreateUserAsync(BuiltInRoles.Marketer), AppFixture.TestPassword);
        await page.GotoAsync("/cdp/computed-traits");
        await page.GetByTestId("new-computed-trait").ClickAsync();
        await page.GetByTestId("trait-key").FillAsync(traitKey);
        await page.GetByTestId("trait-name").FillAsync("Last category bought");
        await page.GetByTestId("trait-kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Last value", Exact = true }).ClickAsync();
        await page.GetByTestId("trait-event").FillAsync("Order Completed");
        await page.GetByTestId("save-trait").ClickAsync();
        await Assertions.Expect(page.GetByText("Name the event property this kind reads")).ToBeVisibleAsync();

        await page.GetByTestId("trait-property").FillAsync("category");
        await page.GetByTestId("add-property-filter").ClickAsync();
        await page.GetByTestId("filter-field").FillAsync("run");
        await page.GetByTestId("filter-value").FillAsync(suffix);
        await page.GetByTestId("save-trait").ClickAsync();
        await Assertions.Expect(page.GetByTestId("trait-message")).ToContainTextAsync($"Saved {traitKey}");
        await Assertions.Expect(page.GetByTestId("computed-trait-item").Filter(new() { HasText = traitKey })).ToContainTextAsync("Last value of Order Completed.category");

        await app.ProfileWhenAsync("user_id", user, p => p.GetProperty("computedTraits").TryGetProperty(traitKey, out var value)
            && value.ValueKind == JsonValueKind.String && value.GetString() == "hats");
    }
}
