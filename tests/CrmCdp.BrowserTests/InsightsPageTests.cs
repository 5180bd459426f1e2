using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class InsightsPageTests(BrowserApp app)
{
    [Fact]
    public async Task A_marketer_charts_a_trend_a_funnel_retention_and_web_analytics_of_todays_events()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (viewed, bought) = ($"Viewed {suffix}", $"Bought {suffix}");
        var key = await app.CreateSourceKeyAsync($"Insights {suffix}");
        await app.SendBatchAsync(key,
            new { type = "track", userId = $"i1-{suffix}", @event = viewed },
            new { type = "track", userId = $"i2-{suffix}", @event = viewed },
            new { type = "track", userId = $"i1-{suffix}", @event = bought },
            new { type = "page", userId = $"i2-{suffix}", name = "Pricing", properties = new { path = $"/pricing-{suffix}" } });
        await app.ProfileWhenAsync("user_id", $"i1-{suffix}", p => p.GetProperty("eventCount").GetInt64() == 2);
        await app.ProfileWhenAsync("user_id", $"i2-{suffix}", p => p.GetProperty("eventCount").GetInt64() == 2);

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, await app.CreateUserAsync(BuiltInRoles.Marketer), AppFixture.TestPassword);
        await page.GetByTestId("nav-insights").ClickAsync();
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("trend-event").FillAsync(viewed);
        await page.GetByTestId("show-trend").ClickAsync();
        await Assertions.Expect(page.GetByTestId("trend-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("trend-table").Locator("tbody td").Nth(1)).ToHaveTextAsync("2");
        await Screenshots.SaveAsync(page, "insights-trend");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Funnel" }).ClickAsync();
        await page.GetByTestId("funnel-step-0").FillAsync(viewed);
        await page.GetByTestId("funnel-step-1").FillAsync(bought);
        await page.GetByTestId("show-funnel").ClickAsync();
        var rows = page.GetByTestId("funnel-row");
        await Assertions.Expect(rows.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync($"1. {viewed}");
        await Assertions.Expect(rows.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync("2");
        await Assertions.Expect(rows.Nth(1).Locator("td").Nth(0)).ToHaveTextAsync($"2. {bought}");
        await Assertions.Expect(rows.Nth(1).Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Assertions.Expect(rows.Nth(1).Locator("td").Nth(3)).ToHaveTextAsync("1");
        await Screenshots.SaveAsync(page, "insights-funnel");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Retention" }).ClickAsync();
        await page.GetByTestId("retention-start").FillAsync(viewed);
        await page.GetByTestId("retention-return").FillAsync(bought);
        await page.GetByTestId("show-retention").ClickAsync();
        var cohort = page.GetByTestId("retention-row");
        await Assertions.Expect(cohort).ToHaveCountAsync(1);
        await Assertions.Expect(cohort.Locator("td").Nth(1)).ToHaveTextAsync("2");
        await Assertions.Expect(cohort.Locator("td").Nth(2)).ToContainTextAsync("50");
        await Screenshots.SaveAsync(page, "insights-retention");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Web" }).ClickAsync();
        await page.GetByTestId("show-web").ClickAsync();
        await Assertions.Expect(page.GetByTestId("web-pageviews")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("web-top-pages")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "insights-web");
    }

    [Fact]
    public async Task A_marketer_filters_a_trend_and_a_funnel_step_by_a_property_and_shows_the_trend_as_bars_and_a_number()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (viewed, bought) = ($"Viewed {suffix}", $"Bought {suffix}");
        var key = await app.CreateSourceKeyAsync($"Filtered insights {suffix}");
        await app.SendBatchAsync(key,
            new { type = "track", userId = $"f1-{suffix}", @event = viewed, properties = new { category = "shoes" } },
            new { type = "track", userId = $"f2-{suffix}", @event = viewed, properties = new { category = "hats" } },
            new { type = "track", userId = $"f3-{suffix}", @event = viewed, properties = new { category = "shoes" } },
            new { type = "track", userId = $"f1-{suffix}", @event = bought },
            new { type = "track", userId = $"f2-{suffix}", @event = bought });
        await app.ProfileWhenAsync("user_id", $"f1-{suffix}", p => p.GetProperty("eventCount").GetInt64() == 2);
        await app.ProfileWhenAsync("user_id", $"f2-{suffix}", p => p.GetProperty("eventCount").GetInt64() == 2);
        await app.ProfileWhenAsync("user_id", $"f3-{suffix}", p => p.GetProperty("eventCount").GetInt64() == 1);

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, await app.CreateUserAsync(BuiltInRoles.Marketer), AppFixture.TestPassword);
        await page.GotoAsync("/cdp/insights");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("trend-event").FillAsync(viewed);
        await page.GetByTestId("add-property-filter").ClickAsync();
        await page.GetByTestId("filter-field").FillAsync("category");
        await page.GetByTestId("filter-value").FillAsync("shoes");
        await page.GetByTestId("filter-value").BlurAsync();
        await page.GetByTestId("show-trend").ClickAsync();
        await Assertions.Expect(page.GetByTestId("trend-table").Locator("tbody td").Nth(1)).ToHaveTextAsync("2");

        await page.GetByTestId("trend-view").GetByText("Bars").ClickAsync();
        await Assertions.Expect(page.GetByTestId("trend-bars")).ToBeVisibleAsync();
        await page.GetByTestId("trend-view").GetByText("Number").ClickAsync();
        await Assertions.Expect(page.GetByTestId("trend-number")).ToHaveTextAsync("2");
        await Screenshots.SaveAsync(page, "insights-trend-number");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Funnel" }).ClickAsync();
        await page.GetByTestId("funnel-step-0").FillAsync(viewed);
        await page.GetByTestId("funnel-step-1").FillAsync(bought);
        await page.GetByTestId("add-property-filter").Nth(0).ClickAsync();
        await page.GetByTestId("filter-field").FillAsync("category");
        await page.GetByTestId("filter-value").FillAsync("shoes");
        await page.GetByTestId("filter-value").BlurAsync();
        await page.GetByTestId("show-funnel").ClickAsync();
        var rows = page.GetByTestId("funnel-row");
        await Assertions.Expect(rows.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync("2");
        await Assertions.Expect(rows.Nth(1).Locator("td").Nth(1)).ToHaveTextAsync("1");

        // The trend asked before is still there on coming back to its tab.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Trends" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("trend-number")).ToHaveTextAsync("2");
    }
}
